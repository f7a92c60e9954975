import { DataType, type Table } from 'apache-arrow';
import { tableToRows } from '../engine/arrow-ipc';

const ROWS_PER_CHUNK = 20_000;

/** How a cell is written: text may start a spreadsheet formula; numbers, dates and booleans cannot. */
export type CellKind = 'text' | 'value';

/** First characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field, RFC 4180: quoted only when it holds a comma, quote or line break. A text cell
 * that a spreadsheet would evaluate (starting with `=`, `+`, `-`, `@`, a tab or a carriage return)
 * gets a leading `'`, as OWASP advises — quoting alone does not stop `=HYPERLINK(…)`. Numbers are
 * written as they are, so a negative number stays a number.
 */
export function csvField(value: unknown, kind: CellKind = 'value'): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (kind === 'text' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Text columns (strings, and nested values written as JSON) are 'text'; every other type is a value. */
export function cellKindOf(type: DataType): CellKind {
  return DataType.isUtf8(type) ||
    DataType.isLargeUtf8(type) ||
    DataType.isStruct(type) ||
    DataType.isList(type) ||
    DataType.isMap(type)
    ? 'text'
    : 'value';
}

/**
 * Encode rows already in the UI (a Dashboard chart's data) as UTF-8 CSV with a header row, the
 * columns of the first row in their order. A string (or nested value) is a text cell, so it gets the
 * formula guard; numbers, booleans and null are values. The rows come from queries that cast their
 * numbers, so no number arrives as a string here.
 */
export function encodeRowsCsv(rows: readonly Record<string, unknown>[]): string {
  const columns = rows.length ? Object.keys(rows[0]) : [];
  const kindOf = (value: unknown): CellKind =>
    typeof value === 'string' || (typeof value === 'object' && value !== null) ? 'text' : 'value';
  const lines = [columns.map((c) => csvField(c, 'text')).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c], kindOf(row[c]))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Encode an Arrow table as UTF-8 CSV with a header row, in chunks so a large table never becomes
 * one giant string. Dates and timestamps are written as DuckDB prints them (zone-less). Every CSV
 * the app writes goes through here, so every one is safe to open in a spreadsheet.
 */
export function encodeCsv(table: Table): Uint8Array[] {
  const encoder = new TextEncoder();
  const fields = table.schema.fields;
  const columns = fields.map((f) => f.name);
  const kinds = fields.map((f) => cellKindOf(f.type));
  const chunks: Uint8Array[] = [encoder.encode(`${columns.map((c) => csvField(c, 'text')).join(',')}\r\n`)];
  for (let start = 0; start < table.numRows; start += ROWS_PER_CHUNK) {
    const rows = tableToRows(table.slice(start, start + ROWS_PER_CHUNK));
    const lines = rows.map((row) => columns.map((c, i) => csvField(row[c], kinds[i])).join(','));
    chunks.push(encoder.encode(`${lines.join('\r\n')}\r\n`));
  }
  return chunks;
}
