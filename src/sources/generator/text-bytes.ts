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

  /** Append raw bytes. */
  writeBytes(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.buffer.length) this.grow(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Append a coordinate (degrees) as text with up to 14 decimals, trailing zeros dropped; no string is made. */
  writeCoordinate(value: number): void {
    if (this.length + 24 > this.buffer.length) this.grow(24);
    const out = this.buffer;
    let at = this.length;
    if (value < 0) out[at++] = 0x2d;
    const abs = Math.abs(value);
    const whole = Math.floor(abs);
    const high = (abs - whole) * 1e7;
    const a = Math.floor(high);
    const b = Math.floor((high - a) * 1e7);
    if (whole >= 100) out[at++] = 0x30 + Math.floor(whole / 100);
    if (whole >= 10) out[at++] = 0x30 + (Math.floor(whole / 10) % 10);
    out[at++] = 0x30 + (whole % 10);
    out[at++] = 0x2e;
    for (let d = 1e6; d >= 1; d /= 10) out[at++] = 0x30 + (Math.floor(a / d) % 10);
    for (let d = 1e6; d >= 1; d /= 10) out[at++] = 0x30 + (Math.floor(b / d) % 10);
    while (out[at - 1] === 0x30) at--;
    if (out[at - 1] === 0x2e) at--;
    this.length = at;
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
