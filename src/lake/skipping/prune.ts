import type { AddFile } from '../delta/actions';
import { physicalName, type ColumnMappingMode } from '../delta/column-mapping';
import type { SparkField } from '../delta/schema';
import { statsOf } from '../delta/stats';
import type { Condition, Literal } from './predicate';

/** How values of a column compare. */
type Domain = 'number' | 'string' | 'date' | 'timestamp' | 'boolean' | 'other';

/** What pruning needs to know about a table. */
export interface PruneContext {
  /** Columns by lower-cased name (SQL names are case-insensitive). */
  columns: Map<string, SparkField>;
  partitionColumns: Set<string>;
  /** The name partition values and stats use for a column (its physical name under column mapping). */
  keyOf: Map<string, string>;
}

/** Build the pruning context of a schema. */
export function pruneContext(
  schema: SparkField[],
  partitionColumns: string[],
  columnMapping: ColumnMappingMode = 'none',
): PruneContext {
  return {
    columns: new Map(schema.map((f) => [f.name.toLowerCase(), f])),
    partitionColumns: new Set(partitionColumns),
    keyOf: new Map(schema.map((f) => [f.name, physicalName(f, columnMapping)])),
  };
}

/**
 * False only when the file certainly holds no row matching the condition (by its partition values,
 * or by its min/max/null counts); true when it may.
 */
export function fileMayMatch(condition: Condition, file: AddFile, context: PruneContext): boolean {
  switch (condition.kind) {
    case 'and':
      return condition.terms.every((t) => fileMayMatch(t, file, context));
    case 'or':
      return condition.terms.some((t) => fileMayMatch(t, file, context));
    case 'unknown':
      return true;
    default: {
      const field = context.columns.get(condition.column.toLowerCase());
      if (!field) return true;
      const domain = domainOf(field.type);
      const key = context.keyOf.get(field.name) ?? field.name;
      if (context.partitionColumns.has(field.name)) {
        // Delta writes a null partition value as null or as empty text.
        const value = file.partitionValues[key];
        return partitionMayMatch(condition, value === undefined || value === '' ? null : value, domain);
      }
      return statsMayMatch(condition, file, key, domain);
    }
  }
}

function domainOf(type: SparkField['type']): Domain {
  if (typeof type !== 'string') return 'other';
  if (['byte', 'short', 'integer', 'long', 'float', 'double'].includes(type) || type.startsWith('decimal'))
    return 'number';
  if (type === 'string') return 'string';
  if (type === 'date') return 'date';
  if (type === 'timestamp' || type === 'timestamp_ntz') return 'timestamp';
  if (type === 'boolean') return 'boolean';
  return 'other';
}

/** Compare two values of a domain; null when they cannot be compared safely. */
function compare(domain: Domain, a: unknown, b: unknown): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  switch (domain) {
    case 'number': {
      const x = Number(a);
      const y = Number(b);
      if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
      // Beyond 2^53 the JSON numbers of stats may have been rounded: do not skip on them.
      if (Math.abs(x) > Number.MAX_SAFE_INTEGER || Math.abs(y) > Number.MAX_SAFE_INTEGER) return null;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'string':
      return compareCodePoints(String(a), String(b));
    case 'date': {
      const x = String(a).slice(0, 10);
      const y = String(b).slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(x) || !/^\d{4}-\d{2}-\d{2}$/.test(y)) return null;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'timestamp': {
      const x = timestampMs(String(a));
      const y = timestampMs(String(b));
      if (x === null || y === null) return null;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'boolean':
      return String(a).toLowerCase() === String(b).toLowerCase() ? 0 : null;
    default:
      return null;
  }
}

/** Epoch ms of a zone-less timestamp (read as UTC) or an ISO one with a zone. */
function timestampMs(text: string): number | null {
  const iso = text.includes('T') ? text : text.replace(' ', 'T');
  const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`;
  const ms = Date.parse(withZone.length === 11 ? `${iso}T00:00:00Z` : withZone);
  return Number.isNaN(ms) ? null : ms;
}

/** Order strings by code point (UTF-8 byte order), as DuckDB and Spark do. */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) ?? 0) - (y[i].codePointAt(0) ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

function partitionMayMatch(condition: Condition, value: string | null, domain: Domain): boolean {
  const test = (op: string, literal: Literal): boolean => {
    if (value === null || literal === null) return false; // a comparison with NULL is never true
    const c = compare(domain, value, literal);
    if (c === null) return true;
    return { '=': c === 0, '<>': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[op] ?? true;
  };
  switch (condition.kind) {
    case 'compare':
      return test(condition.op, condition.value);
    case 'between':
      return test('>=', condition.low) && test('<=', condition.high);
    case 'in':
      return condition.values.some((v) => test('=', v));
    case 'null':
      return condition.negated ? value !== null : value === null;
    default:
      return true;
  }
}

function statsMayMatch(condition: Condition, file: AddFile, column: string, domain: Domain): boolean {
  const stats = statsOf(file);
  if (!stats) return true;
  const nulls = typeof stats.nullCount[column] === 'number' ? (stats.nullCount[column] as number) : null;
  const records = stats.numRecords ?? null;
  if (condition.kind === 'null') {
    if (nulls === null) return true;
    return condition.negated ? records === null || nulls < records : nulls > 0;
  }
  if (records !== null && nulls !== null && nulls >= records) return false; // only NULLs: nothing compares true
  // Timestamp stats may be truncated to milliseconds: widen the range by one millisecond.
  const widen = (bound: unknown, delta: number) => {
    if (domain !== 'timestamp' || bound === null || bound === undefined) return bound;
    const ms = timestampMs(String(bound));
    return ms === null ? null : new Date(ms + delta).toISOString();
  };
  const min = widen(stats.minValues[column], -1);
  const max = widen(stats.maxValues[column], 1);
  const cmp = (a: unknown, b: unknown) => compare(domain, a, b);
  const aboveMin = (v: Literal, strict: boolean) => {
    const c = cmp(v, min);
    return c === null || (strict ? c > 0 : c >= 0);
  };
  const belowMax = (v: Literal, strict: boolean) => {
    const c = cmp(v, max);
    return c === null || (strict ? c < 0 : c <= 0);
  };
  const mayEqual = (v: Literal) => v !== null && aboveMin(v, false) && belowMax(v, false);
  switch (condition.kind) {
    case 'compare': {
      const v = condition.value;
      if (v === null) return false;
      switch (condition.op) {
        case '=':
          return mayEqual(v);
        case '<':
          return aboveMin(v, true);
        case '<=':
          return aboveMin(v, false);
        case '>':
          return belowMax(v, true);
        case '>=':
          return belowMax(v, false);
        case '<>':
          return !(cmp(min, v) === 0 && cmp(max, v) === 0);
      }
      return true;
    }
    case 'between':
      return (
        condition.low !== null &&
        condition.high !== null &&
        belowMax(condition.low, false) &&
        aboveMin(condition.high, false)
      );
    case 'in':
      return condition.values.some(mayEqual);
    default:
      return true;
  }
}
