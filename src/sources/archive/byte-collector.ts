/**
 * Gathers a decompressed stream into one buffer. When the final size is known up front the
 * chunks are copied into a buffer of that size, so the file is never held twice.
 */
export class ByteCollector {
  private chunks: Uint8Array[] = [];
  private buffer: Uint8Array | null;
  length = 0;

  constructor(expectedSize?: number) {
    this.buffer = expectedSize && expectedSize > 0 ? new Uint8Array(expectedSize) : null;
  }

  /** Add a chunk (it may be reused by the caller: it is copied or kept as the only reference). */
  push(chunk: Uint8Array): void {
    if (this.buffer && this.length + chunk.length <= this.buffer.length) {
      this.buffer.set(chunk, this.length);
    } else {
      if (this.buffer) {
        // The announced size was wrong: fall back to collecting chunks.
        this.chunks.push(this.buffer.subarray(0, this.length));
        this.buffer = null;
      }
      this.chunks.push(chunk);
    }
    this.length += chunk.length;
  }

  /** All bytes received, as one array. */
  bytes(): Uint8Array {
    if (this.buffer)
      return this.buffer.length === this.length ? this.buffer : this.buffer.subarray(0, this.length);
    if (this.chunks.length === 1) return this.chunks[0];
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    this.chunks = [];
    return out;
  }
}
