import { tableFromIPC, Type, type DataType, type Field, type Table } from 'apache-arrow';
import type { ColumnInfo, Row } from './types';

/**
 * DuckDB-WASM returns query results in the Arrow IPC *file* format. Its middle section is a
 * complete IPC stream (schema, batches, end-of-stream marker), which is what parquet-wasm
 * and `insertArrowFromIPCStream` read. Return that section without copying.
 */
export function ipcFileToStream(file: Uint8Array): Uint8Array {
  const magic = 'ARROW1';
  for (let i = 0; i < magic.length; i++) {
    if (file[i] !== magic.charCodeAt(i)) return file; // already a stream
  }
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const footerLength = view.getInt32(file.byteLength - 10, true);
  return file.subarray(8, file.byteLength - 10 - footerLength);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Format epoch milliseconds as a zone-less `YYYY-MM-DD HH:MM:SS` (UTC fields). */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const millis = d.getUTCMilliseconds();
  return millis ? `${base}.${pad(millis, 3)}` : base;
}

/** Format epoch milliseconds (or days) as `YYYY-MM-DD`. */
export function formatDate(ms: number): string {
  return formatTimestamp(ms).slice(0, 10);
}

/** Describe an Arrow type the way DuckDB names it, for result headers. */
export function duckTypeName(type: DataType): string {
  switch (type.typeId) {
    case Type.Int:
      return (type as unknown as { bitWidth: number }).bitWidth === 64 ? 'BIGINT' : 'INTEGER';
    case Type.Float:
      return 'DOUBLE';
    case Type.Decimal: {
      const { precision, scale } = type as unknown as { precision: number; scale: number };
      return `DECIMAL(${precision},${scale})`;
    }
    case Type.Utf8:
    case Type.LargeUtf8:
      return 'VARCHAR';
    case Type.Bool:
      return 'BOOLEAN';
    case Type.Date:
      return 'DATE';
    case Type.Timestamp:
      return 'TIMESTAMP';
    default:
      return String(type).toUpperCase();
  }
}

function decimalToNumber(value: unknown, scale: number): number | null {
  if (value === null || value === undefined) return null;
  // apache-arrow 17 gives a Uint32Array-backed big number; its string form is the unscaled integer.
  const digits = String(value);
  const negative = digits.startsWith('-');
  const abs = negative ? digits.slice(1) : digits;
  const padded = abs.padStart(scale + 1, '0');
  const text = scale > 0 ? `${padded.slice(0, -scale)}.${padded.slice(-scale)}` : padded;
  return Number(negative ? `-${text}` : text);
}

type Converter = (value: unknown) => unknown;

function converterFor(field: Field): Converter {
  const type = field.type;
  switch (type.typeId) {
    case Type.Int:
      return (v) => (typeof v === 'bigint' ? bigintToJs(v) : v);
    case Type.Decimal: {
      const scale = (type as unknown as { scale: number }).scale;
      return (v) => decimalToNumber(v, scale);
    }
    case Type.Timestamp:
      return (v) => (v === null || v === undefined ? null : formatTimestamp(Number(v)));
    case Type.Date:
      // apache-arrow 17 reads both DateDay and DateMillisecond as epoch milliseconds.
      return (v) =>
        v === null || v === undefined ? null : formatDate(v instanceof Date ? v.getTime() : Number(v));
    case Type.List:
    case Type.FixedSizeList:
      return (v) => (v === null || v === undefined ? null : JSON.parse(JSON.stringify(v, jsonSafe)));
    case Type.Struct:
    case Type.Map:
      return (v) => (v === null || v === undefined ? null : JSON.parse(JSON.stringify(v, jsonSafe)));
    default:
      return (v) => (typeof v === 'bigint' ? bigintToJs(v) : v);
  }
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? bigintToJs(value) : value;
}

function bigintToJs(value: bigint): number | string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}

/** Columns (name and DuckDB-style type) of an Arrow table. */
export function columnsOf(table: Table): ColumnInfo[] {
  return table.schema.fields.map((f) => ({ name: f.name, type: duckTypeName(f.type) }));
}

/** Convert an Arrow table to plain row objects; stops after `limit` rows. */
export function tableToRows(table: Table, limit = Number.POSITIVE_INFINITY): Row[] {
  const fields = table.schema.fields;
  const converters = fields.map(converterFor);
  const vectors = fields.map((_, i) => table.getChildAt(i));
  const count = Math.min(table.numRows, limit);
  const rows: Row[] = new Array(count);
  for (let r = 0; r < count; r++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) {
      const raw = vectors[c]?.get(r);
      row[fields[c].name] = raw === null || raw === undefined ? null : converters[c](raw);
    }
    rows[r] = row;
  }
  return rows;
}

/** Decode an Arrow IPC buffer (file or stream) into a table. */
export function ipcToTable(ipc: Uint8Array): Table {
  return tableFromIPC(ipc);
}
