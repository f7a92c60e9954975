import { Zip, type ZipInputFile } from 'fflate';
import { Crc32 } from './crc32';
import { Sha256 } from './sha256-stream';

/** Where the zip's bytes go as they are produced (a storage writer); awaited chunk by chunk. */
export type ZipSink = (chunk: Uint8Array) => Promise<void>;

/** What was written for one entry. */
export interface ZipEntryResult {
  size: number;
  sha256: string;
}

/** fflate's Zip writes no Zip64: sizes and offsets are 32-bit, the entry count 16-bit. */
export const ZIP_MAX_BYTES = 0xffff_ffff;
export const ZIP_MAX_ENTRIES = 0xffff;

/** Bytes a zip adds per entry around its data (local header, data descriptor, directory record). */
export function zipOverhead(name: string): number {
  return 30 + 16 + 46 + 2 * new TextEncoder().encode(name).length;
}

/**
 * A zip written as a stream: fflate lays out the archive (headers, data descriptors, directory)
 * and each entry's bytes pass through as they are read — stored (Parquet is compressed already)
 * or through the platform's own DEFLATE (`CompressionStream`, native code in browsers and Node).
 * The output goes to the sink as it is made; nothing is held beyond the chunks in flight and
 * fflate's small directory records.
 */
export class ZipWriter {
  private readonly zip: Zip;
  private readonly pending: Uint8Array[] = [];
  private failure: Error | null = null;
  private ended = false;

  constructor(private readonly sink: ZipSink) {
    this.zip = new Zip((error, chunk, final) => {
      if (error) this.failure ??= error;
      else this.pending.push(chunk);
      if (final) this.ended = true;
    });
  }

  /** Add one entry from a stream of bytes; resolves with its size and SHA-256 once it is written. */
  async add(
    name: string,
    stream: ReadableStream<Uint8Array>,
    options: { compress: boolean; modified?: number },
  ): Promise<ZipEntryResult> {
    const entry: ZipInputFile = { filename: name, size: 0, crc: 0, compression: options.compress ? 8 : 0 };
    if (options.modified !== undefined) entry.mtime = options.modified;
    this.zip.add(entry);
    const hash = new Sha256();
    const crc = new Crc32();
    let size = 0;
    const counted = stream.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          hash.update(chunk);
          crc.update(chunk);
          size += chunk.length;
          controller.enqueue(chunk);
        },
      }),
    );
    const data = options.compress
      ? counted.pipeThrough(
          new CompressionStream('deflate-raw') as ReadableWritablePair<Uint8Array, Uint8Array>,
        )
      : counted;
    const reader = data.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      entry.ondata!(null, value as Uint8Array<ArrayBuffer>, false);
      await this.drain();
    }
    // fflate reads the size and CRC of the original bytes when the entry's last chunk arrives.
    entry.size = size;
    entry.crc = crc.value();
    entry.ondata!(null, new Uint8Array(0), true);
    await this.drain();
    return { size, sha256: hash.hex() };
  }

  /** Add one small entry held in memory. */
  addBytes(name: string, bytes: Uint8Array, compress: boolean): Promise<ZipEntryResult> {
    return this.add(name, new Blob([bytes as Uint8Array<ArrayBuffer>]).stream(), { compress });
  }

  /** Write the zip's directory and end record. */
  async finish(): Promise<void> {
    this.zip.end();
    await this.drain();
    if (!this.ended) throw new Error('The zip did not end');
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) await this.sink(this.pending.shift()!);
    if (this.failure) throw this.failure;
  }
}
