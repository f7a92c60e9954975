import type { ColumnInfo, QueryResult, Row } from '../../engine/types';

/** A result the lake made itself (DESCRIBE HISTORY, VACUUM, …) in the shape DuckDB results have. */
export function resultOf(
  columns: ColumnInfo[],
  rows: Row[],
  started: number,
  limit = Number.MAX_SAFE_INTEGER,
): QueryResult {
  return {
    columns,
    rows: rows.slice(0, limit),
    rowCount: rows.length,
    elapsedMs: performance.now() - started,
  };
}

/** Column helpers. */
export const bigint = (name: string): ColumnInfo => ({ name, type: 'BIGINT' });
export const text = (name: string): ColumnInfo => ({ name, type: 'VARCHAR' });
export const timestamp = (name: string): ColumnInfo => ({ name, type: 'TIMESTAMP' });
export const boolean = (name: string): ColumnInfo => ({ name, type: 'BOOLEAN' });
