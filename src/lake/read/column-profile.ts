import { columnMappingMode, physicalName } from '../delta/column-mapping';
import { recordsOf, statsOf } from '../delta/stats';
import { duckType, typeText, type SparkField } from '../delta/schema';
import type { Snapshot } from '../delta/snapshot';

/** One column of a table version: its types and what the files' Delta statistics say of it. */
export interface ColumnProfile {
  name: string;
  /** The DuckDB type it is read as (the Delta type when DuckDB has none). */
  type: string;
  /** The Delta (Spark SQL) type, e.g. `decimal(18,2)`. */
  deltaType: string;
  nullable: boolean;
  /**
   * Smallest and largest value over the files with stats; null when unknown (no file records it,
   * or a file with values left it out, as writers do for long strings).
   */
  min: string | number | null;
  max: string | number | null;
  /** Nulls over the files with stats; null when no file records them. */
  nullCount: number | null;
  /** How many of the version's files carry stats for this column. */
  filesWithStats: number;
}

/** A table version's columns and statistics, from its Delta log alone (no data file is read). */
export interface TableProfile {
  table: string;
  version: number;
  numFiles: number;
  /** From the files' stats; null when a file has none. */
  numRecords: number | null;
  columns: ColumnProfile[];
}

/** Profile a snapshot: each column's types, and min, max and nulls combined over its files' stats. */
export function profileOf(table: string, snapshot: Snapshot): TableProfile {
  const files = [...snapshot.files.values()];
  const counts = files.map(recordsOf);
  const stats = files.map(statsOf);
  const mode = columnMappingMode(snapshot.protocol, snapshot.metadata);
  const columns = snapshot.schema.map((field): ColumnProfile => {
    // Under column mapping, stats are keyed by the column's physical name.
    const key = physicalName(field, mode);
    let min: string | number | null = null;
    let max: string | number | null = null;
    let minKnown = true;
    let maxKnown = true;
    let nullCount: number | null = null;
    let filesWithStats = 0;
    for (const s of stats) {
      if (!s || !(key in s.nullCount || key in s.minValues)) continue;
      filesWithStats += 1;
      const nulls = s.nullCount[key];
      if (typeof nulls === 'number') nullCount = (nullCount ?? 0) + nulls;
      const allNull = typeof nulls === 'number' && nulls === s.numRecords;
      if (!allNull && !comparable(s.minValues[key])) minKnown = false;
      if (!allNull && !comparable(s.maxValues[key])) maxKnown = false;
      min = lower(min, s.minValues[key]);
      max = higher(max, s.maxValues[key]);
    }
    if (!minKnown) min = null;
    if (!maxKnown) max = null;
    return {
      name: field.name,
      type: duckTypeOf(field),
      deltaType: typeText(field.type),
      nullable: field.nullable,
      min,
      max,
      nullCount,
      filesWithStats,
    };
  });
  return {
    table,
    version: snapshot.version,
    numFiles: files.length,
    numRecords: counts.every((c) => c !== null) ? counts.reduce<number>((a, b) => a + b!, 0) : null,
    columns,
  };
}

function duckTypeOf(field: SparkField): string {
  try {
    return duckType(field.type);
  } catch {
    return typeText(field.type);
  }
}

/** Stats values are numbers, or strings (text, dates, ISO timestamps) that compare as text. */
function comparable(value: unknown): value is string | number {
  return typeof value === 'number' || typeof value === 'string';
}

function lower(current: string | number | null, next: unknown): string | number | null {
  if (!comparable(next)) return current;
  if (current === null || typeof current !== typeof next) return current ?? next;
  return next < current ? next : current;
}

function higher(current: string | number | null, next: unknown): string | number | null {
  if (!comparable(next)) return current;
  if (current === null || typeof current !== typeof next) return current ?? next;
  return next > current ? next : current;
}
