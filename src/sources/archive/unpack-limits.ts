import { Crc32 } from '../../share/crc32';
import { brokenArchive } from '../ingest/ingest-problem';
import { ByteCollector } from './byte-collector';

/** The largest file one tab reads: DuckDB-WASM holds it, its staged rows and its Bronze copy in 4 GiB. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

/** Announced sizes above this many times the compressed size are not believed enough to allocate. */
const PLAUSIBLE_RATIO = 64;

/** How much an upload may unpack to: one entry, and all entries of one archive together. */
export interface UnpackLimits {
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Why the limit is what it is, for the message: "the … MB of storage this site may still use". */
  entryReason: string;
  totalReason: string;
}

/** Limits from the storage still free (everything unpacked is landed there) and the one-file cap. */
export function unpackLimits(freeBytes: number): UnpackLimits {
  const storage = `the ${megabytes(freeBytes)} of storage this site may still use`;
  const oneFile = `the ${megabytes(MAX_FILE_BYTES)} one file may take in a tab`;
  return {
    maxEntryBytes: Math.min(freeBytes, MAX_FILE_BYTES),
    maxTotalBytes: freeBytes,
    entryReason: freeBytes < MAX_FILE_BYTES ? storage : oneFile,
    totalReason: storage,
  };
}

/** Limits that never refuse (reading without an upload: tests, scripts). */
export const NO_LIMITS: UnpackLimits = unpackLimits(Number.MAX_SAFE_INTEGER);

/** Refuse an archive (or entry) that says or turns out to unpack to more than a limit. */
export function tooLarge(label: string, bytes: number, limit: number, reason: string, said = true): Error {
  const size = bytes >= 1024 * 1024 ? megabytes(bytes) : `${bytes.toLocaleString('en')} bytes`;
  return brokenArchive(
    label,
    `${said ? 'it says it unpacks' : 'it unpacks'} to ${size}, more than ${reason}`,
  );
}

/** Sizes in whole MB, with thousands separators ("3,840 MB"). */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024).toLocaleString('en')} MB`;
}

/**
 * Collects an entry's unpacked bytes while counting them against a limit and computing their
 * CRC-32. An announced size is used to allocate the buffer once only when it is plausible for the
 * compressed size; past the limit `push` throws, so a zip bomb stops at the limit.
 */
export class CheckedCollector {
  private readonly collector: ByteCollector;
  private readonly crc = new Crc32();

  constructor(
    announced: number | undefined,
    compressedBytes: number,
    private readonly limit: number,
    private readonly overLimit: (bytes: number) => Error,
  ) {
    const plausible =
      announced !== undefined &&
      announced <= limit &&
      announced <= Math.max(compressedBytes, 1 << 16) * PLAUSIBLE_RATIO;
    this.collector = new ByteCollector(plausible ? announced : undefined);
  }

  /** Bytes collected so far. */
  get length(): number {
    return this.collector.length;
  }

  push(chunk: Uint8Array): void {
    if (this.collector.length + chunk.length > this.limit)
      throw this.overLimit(this.collector.length + chunk.length);
    this.crc.update(chunk);
    this.collector.push(chunk);
  }

  /** The CRC-32 of everything pushed. */
  checksum(): number {
    return this.crc.value();
  }

  bytes(): Uint8Array {
    return this.collector.bytes();
  }
}

/** The file's bytes do not match their checksum. */
export function checksumMismatch(label: string, name: string): Error {
  return brokenArchive(label, `the checksum of ${name} does not match its contents: the file is damaged`);
}
