import type { AddFile } from './actions';

/** Per-file statistics of an add action (`stats` is JSON text in the log). */
export interface FileStats {
  numRecords?: number;
  minValues: Record<string, unknown>;
  maxValues: Record<string, unknown>;
  nullCount: Record<string, unknown>;
}

const parsed = new WeakMap<AddFile, FileStats | null>();

/** The parsed stats of a file, or null when it has none (or they cannot be read). */
export function statsOf(add: AddFile): FileStats | null {
  if (parsed.has(add)) return parsed.get(add)!;
  let stats: FileStats | null = null;
  if (typeof add.stats === 'string' && add.stats.length > 0) {
    try {
      const raw = JSON.parse(add.stats) as Partial<FileStats>;
      stats = {
        numRecords: typeof raw.numRecords === 'number' ? raw.numRecords : undefined,
        minValues: raw.minValues ?? {},
        maxValues: raw.maxValues ?? {},
        nullCount: raw.nullCount ?? {},
      };
    } catch {
      stats = null;
    }
  }
  parsed.set(add, stats);
  return stats;
}

/**
 * Rows of a logical file according to its stats, or null when it has none: the rows its deletion
 * vector removes are still counted by `numRecords` (they are in the Parquet file), so they are
 * taken off here.
 */
export function recordsOf(add: AddFile): number | null {
  const records = statsOf(add)?.numRecords;
  if (records === undefined) return null;
  return records - Number(add.deletionVector?.cardinality ?? 0);
}

/** Longest string kept as a min or max value; longer values keep a prefix as min and no max. */
export const STRING_STATS_PREFIX = 32;

/** One column's raw statistics for one file, as DuckDB computed them (all as text). */
export interface ColumnStatsText {
  min: string | null;
  max: string | null;
  nulls: number;
}

/** How a column's values are written into stats JSON. */
export type StatsKind = 'number' | 'string' | 'date' | 'timestamp' | 'none';

/** Build the stats JSON of one file, the way Delta writers do. */
export function statsJson(
  numRecords: number,
  columns: { name: string; kind: StatsKind; stats: ColumnStatsText }[],
): string {
  const min: string[] = [];
  const max: string[] = [];
  const nulls: string[] = [];
  for (const { name, kind, stats } of columns) {
    const key = JSON.stringify(name);
    nulls.push(`${key}:${stats.nulls}`);
    if (kind === 'none' || stats.min === null || stats.max === null) continue;
    const low = statValue(kind, stats.min, 'min');
    const high = statValue(kind, stats.max, 'max');
    if (low !== null) min.push(`${key}:${low}`);
    if (high !== null) max.push(`${key}:${high}`);
  }
  return `{"numRecords":${numRecords},"minValues":{${min.join(',')}},"maxValues":{${max.join(',')}},"nullCount":{${nulls.join(',')}}}`;
}

function statValue(kind: StatsKind, text: string, side: 'min' | 'max'): string | null {
  switch (kind) {
    case 'number':
      // Exact digits from DuckDB; NaN and infinities have no JSON form, so no bound.
      return /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text) ? text : null;
    case 'string': {
      const chars = [...text];
      if (chars.length <= STRING_STATS_PREFIX) return JSON.stringify(text);
      return side === 'min' ? JSON.stringify(chars.slice(0, STRING_STATS_PREFIX).join('')) : null;
    }
    case 'date':
      return JSON.stringify(text);
    case 'timestamp':
      return JSON.stringify(timestampStat(text, side));
    default:
      return null;
  }
}

/** `2020-01-02 03:04:05.123456` → `2020-01-02T03:04:05.123Z`, rounding a max up to keep it a bound. */
function timestampStat(text: string, side: 'min' | 'max'): string {
  const [date, time = '00:00:00'] = text.split(' ');
  const [clock, fraction = ''] = time.split('.');
  let millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const beyondMillis = fraction.length > 3 && Number(fraction.slice(3)) > 0;
  if (side === 'max' && beyondMillis) millis += 1;
  if (millis < 1000) return `${date}T${clock}.${String(millis).padStart(3, '0')}Z`;
  const rounded = new Date(Date.parse(`${date}T${clock}.999Z`) + 1);
  return rounded.toISOString();
}
