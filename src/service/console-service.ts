import { tableToIPC, type Table } from 'apache-arrow';
import * as Comlink from 'comlink';
import { columnsOf, ipcToTable } from '../engine/arrow-ipc';
import { concatBytes } from '../engine/bytes';
import type { DuckDbEngine } from '../engine/duckdb-engine';
import type { ColumnInfo, QueryResult, Row } from '../engine/types';
import { encodeCsv } from '../export/csv-encoder';
import { objectsToTable } from '../lake/external/ndjson-table';
import type { ConsoleEngine } from '../lake/sql/console-engine';
import { runLakeSql } from '../lake/sql/run-sql';
import type { ExportedFile } from './export-service';
import { ResultStore } from './result-store';
import { MAX_WINDOW_ROWS } from './result-window';
import type { WithDeps } from './service-deps';

/** A console query's answer: the kept result's id, its columns with DuckDB types, its row count and first window. */
export interface ConsoleResult {
  id: number;
  columns: ColumnInfo[];
  rowCount: number;
  elapsedMs: number;
  /** Rows [0, MAX_WINDOW_ROWS) of the result. */
  rows: Row[];
}

/** The formats a console result downloads as. */
export type ResultFormat = 'csv' | 'parquet';

/** Interactive: runs between two models of a pipeline run instead of after the whole run. */
const INTERACTIVE = { interactive: true } as const;

/**
 * The engine as the console runs it, remembering the Arrow table behind each result it makes, so
 * the whole result is kept while only its first rows cross to the UI.
 */
function capturingEngine(engine: DuckDbEngine, tables: WeakMap<QueryResult, Table>): ConsoleEngine {
  return {
    exec: (sql, params) => engine.exec(sql, params),
    query: (sql, params) => engine.query(sql, params),
    queryArrow: (sql, params) => engine.queryArrow(sql, params),
    createTableFromArrow: (table, ipc) => engine.createTableFromArrow(table, ipc),
    appendArrow: (table, ipc) => engine.appendArrow(table, ipc),
    async queryResult(sql, params = []) {
      const started = performance.now();
      const table = ipcToTable(await engine.queryArrow(sql, params));
      const result: QueryResult = {
        columns: columnsOf(table),
        rows: [],
        rowCount: table.numRows,
        elapsedMs: performance.now() - started,
      };
      tables.set(result, table);
      return result;
    },
  };
}

/** The SQL console: results kept in the worker, read a window at a time, downloaded from there. */
export function createConsoleService(withDeps: WithDeps, store = new ResultStore()) {
  return {
    /**
     * Run console SQL (as `sql` does) and keep its whole result; the answer carries the first
     * window. A statement the lake answers itself (DESCRIBE HISTORY, VACUUM, …) is kept too.
     */
    run(query: string): Promise<ConsoleResult> {
      return withDeps(async ({ lake, engine }) => {
        const tables = new WeakMap<QueryResult, Table>();
        const result = await runLakeSql(
          lake,
          capturingEngine(engine, tables),
          query,
          Number.MAX_SAFE_INTEGER,
        );
        const table =
          tables.get(result) ??
          objectsToTable(
            result.columns.map((c) => c.name),
            result.rows,
          );
        const kept = store.keep(table, result.columns, result.elapsedMs);
        return {
          id: kept.id,
          columns: kept.columns,
          rowCount: table.numRows,
          elapsedMs: kept.elapsedMs,
          rows: store.window(kept.id, 0, Math.min(MAX_WINDOW_ROWS, table.numRows)),
        };
      }, INTERACTIVE);
    },

    /** Rows [offset, offset + limit) of a kept result (limit at most MAX_WINDOW_ROWS); not queued behind jobs. */
    async rows(id: number, offset: number, limit: number): Promise<Row[]> {
      return store.window(id, offset, limit);
    },

    /** Forget a kept result (its tab was closed). */
    async release(id: number): Promise<void> {
      store.release(id);
    },

    /** Forget every kept result. */
    async clear(): Promise<void> {
      store.clear();
    },

    /** A kept result as a CSV (the one encoder, with its formula guard) or Parquet file named `stem`. */
    download(id: number, format: ResultFormat, stem: string): Promise<ExportedFile> {
      return withDeps(async ({ parquet }) => {
        const { table } = store.get(id);
        const file: ExportedFile =
          format === 'parquet'
            ? {
                fileName: `${stem}.parquet`,
                mimeType: 'application/vnd.apache.parquet',
                bytes: await parquet.write(tableToIPC(table, 'stream')),
              }
            : { fileName: `${stem}.csv`, mimeType: 'text/csv', bytes: concatBytes(encodeCsv(table)) };
        return Comlink.transfer(file, [file.bytes.buffer as ArrayBuffer]);
      }, INTERACTIVE);
    },
  };
}
