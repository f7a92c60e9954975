import { inflateSync } from 'fflate';
import { damagedZip, foreignZip, notAZip, truncatedZip } from './import-refused';
import { errorMessage } from '../engine/error-message';

/** One entry of a zip's central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  /** CRC-32 of the uncompressed bytes, as the directory records it. */
  crc32: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/**
 * A zip read by random access from a Blob (a File the user chose): the central directory first,
 * then each entry's bytes as a stream of one slice of the file, so the zip is never held whole.
 * Every structural problem is an ImportRefused naming the zip.
 */
export class ZipReader {
  private constructor(
    private readonly file: Blob,
    private readonly fileName: string,
    readonly entries: ZipEntry[],
    private readonly directoryStart: number,
  ) {}

  /** Read the end record and the central directory. */
  static async open(file: Blob, fileName: string): Promise<ZipReader> {
    const head = await bytesOf(file, 0, 4);
    const looksLikeZip = u32(head, 0) === LOCAL || u32(head, 0) === EOCD;
    const tailStart = Math.max(0, file.size - EOCD_SIZE - MAX_COMMENT);
    const tail = await bytesOf(file, tailStart, file.size);
    let at = -1;
    for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
      if (u32(tail, i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw looksLikeZip ? truncatedZip(fileName) : notAZip(fileName);
    const count = u16(tail, at + 10);
    const directorySize = u32(tail, at + 12);
    const directoryStart = u32(tail, at + 16);
    if (count === 0xffff || directoryStart === 0xffffffff)
      throw foreignZip(fileName, 'it is a Zip64 archive, which Pocket Lakehouse never writes');
    const eocdOffset = tailStart + at;
    if (directoryStart + directorySize > eocdOffset)
      throw damagedZip(fileName, 'its directory lies outside the file');
    const directory = await bytesOf(file, directoryStart, directoryStart + directorySize);
    const entries: ZipEntry[] = [];
    const decoder = new TextDecoder('utf-8', { fatal: false });
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > directory.length || u32(directory, p) !== CENTRAL)
        throw damagedZip(fileName, `directory record ${i + 1} of ${count} is broken`);
      const flags = u16(directory, p + 8);
      const nameLength = u16(directory, p + 28);
      const entry: ZipEntry = {
        method: u16(directory, p + 10),
        compressedSize: u32(directory, p + 20),
        size: u32(directory, p + 24),
        localHeaderOffset: u32(directory, p + 42),
        crc32: u32(directory, p + 16),
        name: decoder.decode(directory.subarray(p + 46, p + 46 + nameLength)),
      };
      if (flags & 1) throw foreignZip(fileName, `${entry.name} is encrypted`);
      if (entry.localHeaderOffset + 30 + entry.compressedSize > directoryStart)
        throw damagedZip(fileName, `${entry.name} lies outside the file`);
      entries.push(entry);
      p += 46 + nameLength + u16(directory, p + 30) + u16(directory, p + 32);
    }
    return new ZipReader(file, fileName, entries, directoryStart);
  }

  /** The entry named `name`, if the zip has it. */
  find(name: string): ZipEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /** A small entry's bytes, whole. */
  async read(entry: ZipEntry): Promise<Uint8Array> {
    const { start, end } = await this.dataRange(entry);
    const raw = await bytesOf(this.file, start, end);
    return entry.method === 0 ? raw : this.inflateWhole(entry, raw);
  }

  /**
   * An entry's bytes as a stream, decompressed chunk by chunk by the platform's own inflate
   * (`DecompressionStream`); a read fails on bytes that do not inflate.
   */
  async stream(entry: ZipEntry): Promise<ReadableStream<Uint8Array>> {
    const { start, end } = await this.dataRange(entry);
    const raw = this.file.slice(start, end).stream();
    if (entry.method === 0) return raw;
    return raw.pipeThrough(
      new DecompressionStream('deflate-raw') as ReadableWritablePair<Uint8Array, Uint8Array>,
    );
  }

  private async dataRange(entry: ZipEntry): Promise<{ start: number; end: number }> {
    if (entry.method !== 0 && entry.method !== 8)
      throw foreignZip(this.fileName, `${entry.name} uses compression method ${entry.method}`);
    const header = await bytesOf(this.file, entry.localHeaderOffset, entry.localHeaderOffset + 30);
    if (header.length < 30 || u32(header, 0) !== LOCAL)
      throw damagedZip(this.fileName, `the local header of ${entry.name} is missing`);
    const start = entry.localHeaderOffset + 30 + u16(header, 26) + u16(header, 28);
    const end = start + entry.compressedSize;
    if (end > this.directoryStart) throw damagedZip(this.fileName, `${entry.name} lies outside the file`);
    return { start, end };
  }

  private inflateWhole(entry: ZipEntry, raw: Uint8Array): Uint8Array {
    let bytes: Uint8Array;
    try {
      bytes = inflateSync(raw);
    } catch (error) {
      throw damagedZip(this.fileName, `${entry.name} cannot be decompressed: ${errorMessage(error)}`);
    }
    if (bytes.length !== entry.size)
      throw damagedZip(
        this.fileName,
        `${entry.name} holds ${bytes.length} bytes, not the ${entry.size} its header says`,
      );
    return bytes;
  }
}

async function bytesOf(file: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(start, end).arrayBuffer());
}

function u16(bytes: Uint8Array, at: number): number {
  return at + 2 <= bytes.length ? bytes[at] | (bytes[at + 1] << 8) : -1;
}

function u32(bytes: Uint8Array, at: number): number {
  return at + 4 <= bytes.length
    ? (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0
    : -1;
}
