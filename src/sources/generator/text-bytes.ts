const encoder = new TextEncoder();

/**
 * Text written straight into a growing UTF-8 byte buffer, so a large file never exists as one
 * big string or an array of lines.
 */
export class TextBytes {
  private buffer: Uint8Array;
  length = 0;

  constructor(expectedBytes = 1 << 20) {
    this.buffer = new Uint8Array(Math.max(1024, expectedBytes));
  }

  /** Append text. */
  write(text: string): void {
    if (this.length + text.length * 3 > this.buffer.length) this.grow(text.length * 3);
    this.length += encoder.encodeInto(text, this.buffer.subarray(this.length)).written;
  }

  /** The bytes written; the writer is empty afterwards. */
  finish(): Uint8Array {
    const bytes =
      this.length > this.buffer.length * 0.9
        ? this.buffer.subarray(0, this.length)
        : this.buffer.slice(0, this.length);
    this.buffer = new Uint8Array(1024);
    this.length = 0;
    return bytes;
  }

  private grow(extra: number): void {
    let size = Math.ceil(this.buffer.length * 1.5);
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}
