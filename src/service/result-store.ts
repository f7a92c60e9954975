import type { Table } from 'apache-arrow';
import { tableToRows } from '../engine/arrow-ipc';
import { LakehouseError } from '../engine/errors';
import type { ColumnInfo, Row } from '../engine/types';
import { MAX_WINDOW_ROWS } from './result-window';

/** A console result kept in the worker: its Arrow table and the columns as the console names their types. */
export interface KeptResult {
  id: number;
  table: Table;
  columns: ColumnInfo[];
  elapsedMs: number;
  bytes: number;
}

/** How many results, and how many bytes of them, the store keeps before it drops the oldest. */
export interface ResultStoreLimits {
  maxResults: number;
  maxBytes: number;
}

export const DEFAULT_RESULT_LIMITS: ResultStoreLimits = { maxResults: 8, maxBytes: 256 * 1024 * 1024 };

/**
 * The SQL console's results, kept as Arrow in the worker so the UI asks only for the rows it shows.
 * Bounded: past `maxResults` results or `maxBytes` bytes the oldest go (the newest always stays,
 * whatever its size, so the result just asked for can be shown).
 */
export class ResultStore {
  private readonly kept = new Map<number, KeptResult>();
  private nextId = 1;

  constructor(private readonly limits: ResultStoreLimits = DEFAULT_RESULT_LIMITS) {}

  /** Keep a result; returns its id. */
  keep(table: Table, columns: ColumnInfo[], elapsedMs: number): KeptResult {
    const bytes = table.data.reduce((sum, batch) => sum + batch.byteLength, 0);
    const result: KeptResult = { id: this.nextId++, table, columns, elapsedMs, bytes };
    this.kept.set(result.id, result);
    this.evict();
    return result;
  }

  /** A kept result, or the error the user sees when it was dropped. */
  get(id: number): KeptResult {
    const result = this.kept.get(id);
    if (!result)
      throw new LakehouseError(
        'ResultNotKept',
        `Result ${id} is no longer kept (only the last ${this.limits.maxResults} results are): run its query again`,
      );
    return result;
  }

  /** Rows [offset, offset + limit) of a kept result, as plain values; limit at most MAX_WINDOW_ROWS. */
  window(id: number, offset: number, limit: number): Row[] {
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0)
      throw new LakehouseError(
        'BadWindow',
        `A window needs a whole offset and limit (got ${offset}, ${limit})`,
      );
    if (limit > MAX_WINDOW_ROWS)
      throw new LakehouseError(
        'BadWindow',
        `A window holds at most ${MAX_WINDOW_ROWS} rows (asked for ${limit})`,
      );
    const { table } = this.get(id);
    return tableToRows(table.slice(offset, Math.min(table.numRows, offset + limit)));
  }

  /** Forget a result (its tab was closed). */
  release(id: number): void {
    this.kept.delete(id);
  }

  /** Forget every result (the lakehouse was reset). */
  clear(): void {
    this.kept.clear();
  }

  /** Ids kept now, oldest first. */
  ids(): number[] {
    return [...this.kept.keys()];
  }

  private evict(): void {
    let bytes = [...this.kept.values()].reduce((sum, r) => sum + r.bytes, 0);
    for (const [id, result] of this.kept) {
      if (this.kept.size <= 1) break;
      if (this.kept.size <= this.limits.maxResults && bytes <= this.limits.maxBytes) break;
      this.kept.delete(id);
      bytes -= result.bytes;
    }
  }
}
