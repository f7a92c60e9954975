/** How a generated file ends its lines and begins and ends. */
export interface CsvTextStyle {
  crlf?: boolean;
  bom?: boolean;
  finalNewline?: boolean;
}

const encoder = new TextEncoder();

/**
 * Writes CSV lines straight into a growing UTF-8 byte buffer (ASCII by a plain loop, the rare
 * non-ASCII line through encodeInto), so a million-row file never exists as one big string.
 */
export class CsvTextWriter {
  private buffer: Uint8Array;
  private length = 0;
  private readonly eol: string;
  rows = 0;

  constructor(
    header: string,
    private readonly style: CsvTextStyle = {},
    expectedBytes = 1 << 20,
  ) {
    this.eol = style.crlf ? '\r\n' : '\n';
    this.buffer = new Uint8Array(Math.max(1024, expectedBytes));
    if (style.bom) this.write('\ufeff');
    this.write(header);
  }

  /** Add one line (fields already joined and quoted). */
  line(text: string): void {
    this.write(this.eol);
    this.write(text);
    this.rows++;
  }

  /** The whole file. */
  finish(): Uint8Array {
    if (this.style.finalNewline !== false) this.write(this.eol);
    const bytes =
      this.length > this.buffer.length * 0.9
        ? this.buffer.subarray(0, this.length)
        : this.buffer.slice(0, this.length);
    this.buffer = new Uint8Array(0);
    return bytes;
  }

  private write(text: string): void {
    const n = text.length;
    if (this.length + n * 3 > this.buffer.length) this.grow(n * 3);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        at += encoder.encodeInto(text.slice(i), buffer.subarray(at)).written;
        break;
      }
      buffer[at++] = c;
    }
    this.length = at;
  }

  private grow(extra: number): void {
    let size = Math.ceil(this.buffer.length * 1.5);
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}

/** Always quoted (headers, zip prefixes, review ids). */
export function quoted(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** Quoted when it starts with a digit, as the Olist export does for ids and names. */
export function quotedIfDigit(value: string): string {
  const c = value.charCodeAt(0);
  return c >= 48 && c <= 57 ? `"${value.replaceAll('"', '""')}"` : quotedIfNeeded(value);
}

/** Quoted only when it holds a delimiter, a quote or a line break (RFC 4180). */
export function quotedIfNeeded(value: string): string {
  return /[",\r\n]/.test(value) ? quoted(value) : value;
}

/** A header line with every name quoted. */
export function quotedHeader(columns: readonly string[]): string {
  return columns.map(quoted).join(',');
}

/** Money with two decimals, as the files write prices and payments. */
export function money(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}
