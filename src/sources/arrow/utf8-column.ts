import { makeData, Utf8, type Data } from 'apache-arrow';

const QUOTE = 0x22;
const encoder = new TextEncoder();

/**
 * An Arrow Utf8 column built straight from UTF-8 bytes: values are copied byte ranges of the
 * input, so a million CSV cells never become a million JavaScript strings.
 */
export class Utf8ColumnBuilder {
  private data = new Uint8Array(1 << 16);
  private offsets = new Int32Array(1 << 12);
  private validity = new Uint8Array(1 << 9);
  private byteLength = 0;
  length = 0;
  nullCount = 0;

  /** Append bytes [start, end) of `source` as one value. */
  appendBytes(source: Uint8Array, start: number, end: number): void {
    const size = end - start;
    this.reserve(size);
    this.data.set(source.subarray(start, end), this.byteLength);
    this.byteLength += size;
    this.finishValue(true);
  }

  /** Append a quoted field's content, turning each `""` into `"`. */
  appendUnescaped(source: Uint8Array, start: number, end: number): void {
    this.reserve(end - start);
    const out = this.data;
    let w = this.byteLength;
    for (let i = start; i < end; i++) {
      const b = source[i];
      out[w++] = b;
      if (b === QUOTE && source[i + 1] === QUOTE) i++;
    }
    this.byteLength = w;
    this.finishValue(true);
  }

  /** Append a JavaScript string. */
  appendString(value: string): void {
    this.reserve(value.length * 3);
    const { written } = encoder.encodeInto(value, this.data.subarray(this.byteLength));
    this.byteLength += written;
    this.finishValue(true);
  }

  /** Append a NULL. */
  appendNull(): void {
    this.nullCount++;
    this.finishValue(false);
  }

  /** The column so far as Arrow data; the builder starts empty again. */
  flush(): Data<Utf8> {
    const data = makeData({
      type: new Utf8(),
      length: this.length,
      nullCount: this.nullCount,
      nullBitmap: this.nullCount > 0 ? this.validity.slice(0, (this.length + 7) >> 3) : undefined,
      valueOffsets: this.offsets.slice(0, this.length + 1),
      data: this.data.slice(0, this.byteLength),
    });
    this.byteLength = 0;
    this.length = 0;
    this.nullCount = 0;
    this.offsets[0] = 0;
    this.validity.fill(0);
    return data;
  }

  /** Bytes of value data held. */
  get bytes(): number {
    return this.byteLength;
  }

  private finishValue(valid: boolean): void {
    const index = this.length;
    if (index + 2 > this.offsets.length) this.offsets = grow(this.offsets, this.offsets.length * 2);
    if ((index >> 3) + 1 > this.validity.length)
      this.validity = grow(this.validity, this.validity.length * 2);
    if (valid) this.validity[index >> 3] |= 1 << (index & 7);
    this.length = index + 1;
    this.offsets[index + 1] = this.byteLength;
  }

  private reserve(extra: number): void {
    const needed = this.byteLength + extra;
    if (needed <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < needed) size *= 2;
    this.data = grow(this.data, size);
  }
}

function grow<T extends Uint8Array | Int32Array>(old: T, size: number): T {
  const next = new (old.constructor as new (n: number) => T)(size);
  next.set(old);
  return next;
}
