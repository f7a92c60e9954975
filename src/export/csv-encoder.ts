import type { Table } from 'apache-arrow';
import { columnsOf, tableToRows } from '../engine/arrow-ipc';

const ROWS_PER_CHUNK = 20_000;

/** Quote one CSV field as RFC 4180 asks: only when it holds a comma, quote or line break. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Encode an Arrow table as UTF-8 CSV with a header row, in chunks so a large table never becomes
 * one giant string. Dates and timestamps are written as DuckDB prints them (zone-less).
 */
export function encodeCsv(table: Table): Uint8Array[] {
  const encoder = new TextEncoder();
  const columns = columnsOf(table).map((c) => c.name);
  const chunks: Uint8Array[] = [encoder.encode(`${columns.map(csvField).join(',')}\r\n`)];
  for (let start = 0; start < table.numRows; start += ROWS_PER_CHUNK) {
    const rows = tableToRows(table.slice(start, start + ROWS_PER_CHUNK));
    const lines = rows.map((row) => columns.map((c) => csvField(row[c])).join(','));
    chunks.push(encoder.encode(`${lines.join('\r\n')}\r\n`));
  }
  return chunks;
}
