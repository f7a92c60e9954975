import type { SqlValue } from '../../engine/types';
import { duckType, type SparkType } from '../delta/schema';

/**
 * A partition value (text in the log, PROTOCOL.md "Partition Value Serialization") as a typed SQL
 * expression. Empty text and null are NULL; numbers, booleans and dates are cast by DuckDB; a
 * `timestamp` may be zone-less (read as UTC) or ISO 8601 with a zone (converted to UTC);
 * `binary` is text whose characters are the bytes.
 */
export function partitionValueSql(type: SparkType, text: string | null): { sql: string; params: SqlValue[] } {
  const duck = duckType(type);
  if (text === null || text === '') return { sql: `CAST(NULL AS ${duck})`, params: [] };
  if (type === 'binary') return { sql: 'from_hex(?)', params: [binaryHex(text)] };
  if (type === 'timestamp' || type === 'timestamp_ntz')
    return { sql: `CAST(? AS ${duck})`, params: [utcTimestampText(text, type === 'timestamp')] };
  return { sql: `CAST(? AS ${duck})`, params: [text] };
}

function binaryHex(text: string): string {
  return [...text].map((char) => (char.codePointAt(0)! & 0xff).toString(16).padStart(2, '0')).join('');
}

const TIMESTAMP =
  /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * `YYYY-MM-DD HH:MM:SS[.ffffff]` for DuckDB. A zone (`Z`, `+02:00`) is applied for `timestamp`
 * (an instant; kept as UTC like every timestamp here); `timestamp_ntz` keeps its wall clock.
 */
export function utcTimestampText(text: string, isInstant: boolean): string {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return text;
  const [, y, mo, d, h, mi, s = '00', fraction = '', zone] = match;
  const digits = fraction.padEnd(6, '0').slice(0, 6);
  let offsetMinutes = 0;
  if (isInstant && zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const body = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(body.slice(0, 2)) * 60 + Number(body.slice(2, 4) || '0'));
  }
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi) - offsetMinutes, Number(s));
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${digits}`;
}
