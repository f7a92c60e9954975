import { Gunzip, Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { brokenArchive, emptyArchive } from '../ingest/ingest-problem';
import { checksumMismatch, CheckedCollector, NO_LIMITS, tooLarge, type UnpackLimits } from './unpack-limits';
import { readZipDirectory, type ZipDirectoryEntry } from './zip-directory';
import { errorMessage } from '../../engine/error-message';

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
 * complete and the next is read only after the caller has processed it. What an archive says it
 * unpacks to is checked against `limits` before anything is unpacked, what it really unpacks to
 * while it is, and each entry's CRC-32 and size against its directory or trailer once complete.
 */
export async function* uploadEntries(
  file: UploadFile,
  onProgress?: ReadProgress,
  limits: UnpackLimits = NO_LIMITS,
): AsyncGenerator<UploadEntry> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (startsWith(head, ZIP_MAGIC) || startsWith(head, EMPTY_ZIP_MAGIC)) {
    yield* zipEntries(file, limits, onProgress);
  } else if (startsWith(head, GZIP_MAGIC)) {
    yield await gunzipFile(file, limits, onProgress);
  } else {
    const bytes = new Uint8Array(await file.arrayBuffer());
    onProgress?.(file.size, file.size);
    yield { label: file.name, name: file.name, bytes };
  }
}

function isCandidate(path: string): boolean {
  const base = path.split('/').pop() ?? '';
  return (
    !path.endsWith('/') && !path.startsWith('__MACOSX/') && !base.startsWith('.') && CANDIDATE.test(base)
  );
}

async function* zipEntries(
  file: UploadFile,
  limits: UnpackLimits,
  onProgress?: ReadProgress,
): AsyncGenerator<UploadEntry> {
  // A zip ends with its end-of-archive record and directory; without them the download was cut
  // short. Refuse before anything inside is ingested, and before anything is unpacked when the
  // directory says it unpacks to more than the limits allow.
  const directory = await readZipDirectory(file);
  const wanted = [...directory].filter(([path]) => isCandidate(path));
  const total = wanted.reduce((sum, [, entry]) => sum + entry.size, 0);
  if (total > limits.maxTotalBytes)
    throw tooLarge(file.name, total, limits.maxTotalBytes, limits.totalReason, false);
  const biggest = wanted.find(([, entry]) => entry.size > limits.maxEntryBytes);
  if (biggest)
    throw tooLarge(
      `${file.name} › ${biggest[0]}`,
      biggest[1].size,
      limits.maxEntryBytes,
      limits.entryReason,
      false,
    );
  const done: UploadEntry[] = [];
  const state = { failure: null as Error | null };
  let candidates = 0;
  const unzip = new Unzip((entry: UnzipFile) => {
    const path = entry.name;
    if (!isCandidate(path)) return;
    candidates++;
    const listed = directory.get(path);
    if (!listed) {
      state.failure ??= brokenArchive(
        file.name,
        `${path} is not in the zip's directory: the file is damaged`,
      );
      return;
    }
    const collector = new CheckedCollector(listed.size, listed.compressedSize, listed.size, () =>
      brokenArchive(
        file.name,
        `${path} unpacks to more than the ${sizeText(listed.size)} its directory says: the file is damaged`,
      ),
    );
    entry.ondata = (error, chunk, final) => {
      if (state.failure) return;
      try {
        if (error) throw brokenArchive(file.name, `${path}: ${error.message}`);
        collector.push(chunk);
        if (final) done.push(finishEntry(file.name, path, listed, collector, limits));
      } catch (failure) {
        state.failure = failure as Error;
        entry.terminate();
      }
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
        throw brokenArchive(file.name, errorMessage(error));
      }
      if (state.failure) throw state.failure;
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

/** A complete zip entry: checked against its directory record, and gunzipped when it is a `.gz`. */
function finishEntry(
  zipName: string,
  path: string,
  listed: ZipDirectoryEntry,
  collector: CheckedCollector,
  limits: UnpackLimits,
): UploadEntry {
  if (collector.length !== listed.size)
    throw brokenArchive(
      zipName,
      `${path} unpacks to ${sizeText(collector.length)} where its directory says ${sizeText(listed.size)}: the file is damaged`,
    );
  if (collector.checksum() !== listed.crc32) throw checksumMismatch(zipName, path);
  const label = `${zipName} › ${path}`;
  const base = path.split('/').pop() ?? path;
  if (!/\.gz$/i.test(base)) return { label, name: base, bytes: collector.bytes() };
  const name = base.replace(/\.gz$/i, '');
  const gz = collector.bytes();
  const gunzip = new GunzipChecks(label, name, trailerOf(gz), gz.length, limits);
  gunzip.push(gz, true);
  return { label, name, bytes: gunzip.finish() };
}

async function gunzipFile(
  file: UploadFile,
  limits: UnpackLimits,
  onProgress?: ReadProgress,
): Promise<UploadEntry> {
  const name = file.name.replace(/\.gz$/i, '');
  const trailer = trailerOf(new Uint8Array(await file.slice(Math.max(0, file.size - 8)).arrayBuffer()));
  const gunzip = new GunzipChecks(file.name, name, trailer, file.size, limits);
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
  } finally {
    reader.releaseLock();
  }
  return { label: file.name, name, bytes: gunzip.finish() };
}

/** A gzip's trailer: CRC-32 and size (mod 2^32) of what it unpacks to. */
interface GzipTrailer {
  crc32: number;
  size: number;
}

function trailerOf(bytes: Uint8Array): GzipTrailer | null {
  if (bytes.length < 8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 8, 8);
  return { crc32: view.getUint32(0, true), size: view.getUint32(4, true) };
}

/**
 * Gunzip in a stream, bounded and checked: a trailer that announces more than the limit is
 * refused before anything is unpacked, unpacking stops at the limit, and the result must match
 * the trailer's size and CRC-32 (fflate checks neither). A file of several gzip members is
 * bounded but only its last member's trailer is known here, so it is not checked.
 */
class GunzipChecks {
  private readonly collector: CheckedCollector;
  private readonly gunzip: Gunzip;
  private members = 1;
  private failure: Error | null = null;

  constructor(
    private readonly label: string,
    private readonly name: string,
    private readonly trailer: GzipTrailer | null,
    compressedBytes: number,
    limits: UnpackLimits,
  ) {
    if (trailer && trailer.size > limits.maxEntryBytes)
      throw tooLarge(label, trailer.size, limits.maxEntryBytes, limits.entryReason);
    this.collector = new CheckedCollector(trailer?.size, compressedBytes, limits.maxEntryBytes, (bytes) =>
      tooLarge(label, bytes, limits.maxEntryBytes, limits.entryReason, false),
    );
    this.gunzip = new Gunzip((chunk) => {
      try {
        this.collector.push(chunk);
      } catch (error) {
        this.failure ??= error as Error;
      }
    });
    this.gunzip.onmember = () => this.members++;
  }

  push(chunk: Uint8Array, final: boolean): void {
    try {
      this.gunzip.push(chunk, final);
    } catch (error) {
      throw brokenArchive(this.label, errorMessage(error));
    }
    if (this.failure) throw this.failure;
  }

  finish(): Uint8Array {
    if (this.trailer && this.members === 1) {
      if (this.collector.length % 2 ** 32 !== this.trailer.size)
        throw brokenArchive(
          this.label,
          `it unpacks to ${sizeText(this.collector.length)} where its trailer says ${sizeText(this.trailer.size)}: the file is damaged`,
        );
      if (this.collector.checksum() !== this.trailer.crc32) throw checksumMismatch(this.label, this.name);
    }
    return this.collector.bytes();
  }
}

function sizeText(bytes: number): string {
  return `${bytes.toLocaleString('en')} bytes`;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}
