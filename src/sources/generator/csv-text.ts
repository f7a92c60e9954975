import { TextBytes } from './text-bytes';

/** How a generated file ends its lines and begins and ends. */
export interface CsvTextStyle {
  crlf?: boolean;
  bom?: boolean;
  finalNewline?: boolean;
}

/** Writes a CSV file line by line straight into UTF-8 bytes. */
export class CsvTextWriter {
  private readonly out: TextBytes;
  private readonly eol: string;
  rows = 0;

  constructor(
    header: string,
    private readonly style: CsvTextStyle = {},
    expectedBytes = 1 << 20,
  ) {
    this.eol = style.crlf ? '\r\n' : '\n';
    this.out = new TextBytes(expectedBytes);
    if (style.bom) this.out.write('\ufeff');
    this.out.write(header);
  }

  /** Add one line (fields already joined and quoted). */
  line(text: string): void {
    this.out.write(this.eol);
    this.out.write(text);
    this.rows++;
  }

  /** The whole file. */
  finish(): Uint8Array {
    if (this.style.finalNewline !== false) this.out.write(this.eol);
    return this.out.finish();
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

/** An Olist id (32 hex digits), quoted when it starts with a digit; ids hold nothing else to quote. */
export function idField(id: string): string {
  const c = id.charCodeAt(0);
  return c >= 48 && c <= 57 ? `"${id}"` : id;
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
