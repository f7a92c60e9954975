import { Gunzip, Unzip, UnzipInflate, gunzipSync, type UnzipFile } from 'fflate';
import { brokenArchive, emptyArchive } from '../ingest/ingest-problem';
import { ByteCollector } from './byte-collector';

/** A file as it came in: a plain upload, a gunzipped one, or one entry of a zip. */
export interface UploadEntry {
  /** What the user calls it: `data.zip › olist/olist_orders_dataset.csv`, `orders.csv.gz`. */
  label: string;
  /** The name it lands under: the base name, without `.gz`. */
  name: string;
  bytes: Uint8Array;
}

/** A file the user gave: a browser File, or anything with a name and a byte stream. */
export interface UploadFile {
  name: string;
  size: number;
  stream(): ReadableStream<Uint8Array>;
  slice(start?: number, end?: number): Blob;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Reports bytes read of a (compressed) upload. */
export type ReadProgress = (bytesRead: number, bytesTotal: number) => void;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const GZIP_MAGIC = [0x1f, 0x8b];
const CANDIDATE = /\.(csv|tsv|txt)(\.gz)?$/i;

/**
 * The files inside an upload, decompressed in a stream: a zip (CSVs at any folder depth) or a
 * gzip is read chunk by chunk and never held whole; each entry is handed out as soon as it is
 * complete and the next is read only after the caller has processed it.
 */
export async function* uploadEntries(
  file: UploadFile,
  onProgress?: ReadProgress,
): AsyncGenerator<UploadEntry> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (startsWith(head, ZIP_MAGIC) || startsWith(head, EMPTY_ZIP_MAGIC)) {
    yield* zipEntries(file, onProgress);
  } else if (startsWith(head, GZIP_MAGIC)) {
    yield await gunzipFile(file, onProgress);
  } else {
    const bytes = new Uint8Array(await file.arrayBuffer());
    onProgress?.(file.size, file.size);
    yield { label: file.name, name: file.name, bytes };
  }
}

async function* zipEntries(file: UploadFile, onProgress?: ReadProgress): AsyncGenerator<UploadEntry> {
  // A zip ends with its end-of-archive record; without it the download was cut short. Refuse
  // before anything inside is ingested.
  const tail = new Uint8Array(await file.slice(Math.max(0, file.size - 65_557)).arrayBuffer());
  if (!hasEndRecord(tail)) {
    throw brokenArchive(file.name, 'it has no end-of-archive record: the zip is incomplete or damaged');
  }
  const done: UploadEntry[] = [];
  const state = { failure: null as string | null };
  let candidates = 0;
  const unzip = new Unzip((entry: UnzipFile) => {
    const path = entry.name;
    const base = path.split('/').pop() ?? '';
    if (path.endsWith('/') || path.startsWith('__MACOSX/') || base.startsWith('.') || !CANDIDATE.test(base))
      return;
    candidates++;
    const collector = new ByteCollector(entry.originalSize);
    entry.ondata = (error, chunk, final) => {
      if (error) {
        state.failure ??= `${path}: ${error.message}`;
        return;
      }
      collector.push(chunk);
      if (final) done.push(finishEntry(`${file.name} › ${path}`, base, collector.bytes()));
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  let read = 0;
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { value, done: end } = await reader.read();
      try {
        unzip.push(value ?? new Uint8Array(0), end);
      } catch (error) {
        throw brokenArchive(file.name, error instanceof Error ? error.message : String(error));
      }
      if (state.failure) throw brokenArchive(file.name, state.failure);
      read += value?.length ?? 0;
      onProgress?.(read, file.size);
      while (done.length > 0) yield done.shift()!;
      if (end) break;
    }
  } finally {
    reader.releaseLock();
  }
  if (candidates === 0) throw emptyArchive(file.name);
}

async function gunzipFile(file: UploadFile, onProgress?: ReadProgress): Promise<UploadEntry> {
  // The gzip trailer holds the uncompressed size (mod 2^32): allocate it once.
  const trailer = new DataView(await file.slice(Math.max(0, file.size - 4)).arrayBuffer());
  const collector = new ByteCollector(trailer.byteLength === 4 ? trailer.getUint32(0, true) : undefined);
  const gunzip = new Gunzip((chunk) => collector.push(chunk));
  let read = 0;
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      gunzip.push(value ?? new Uint8Array(0), done);
      read += value?.length ?? 0;
      onProgress?.(read, file.size);
      if (done) break;
    }
  } catch (error) {
    throw brokenArchive(file.name, error instanceof Error ? error.message : String(error));
  } finally {
    reader.releaseLock();
  }
  const name = file.name.replace(/\.gz$/i, '');
  return { label: file.name, name, bytes: collector.bytes() };
}

function finishEntry(label: string, base: string, bytes: Uint8Array): UploadEntry {
  if (!/\.gz$/i.test(base)) return { label, name: base, bytes };
  return { label, name: base.replace(/\.gz$/i, ''), bytes: gunzipSync(bytes) };
}

function hasEndRecord(tail: Uint8Array): boolean {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) return true;
  }
  return false;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}
