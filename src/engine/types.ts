/** A value that can be bound to a SQL parameter. */
export type SqlValue = string | number | boolean | bigint | null;

/** One result row as a plain object (numbers, strings, booleans, null). */
export type Row = Record<string, unknown>;

/** A column of a result: its name and DuckDB type. */
export interface ColumnInfo {
  name: string;
  type: string;
}

/** A query result ready to show in a grid or send across a worker boundary. */
export interface QueryResult {
  columns: ColumnInfo[];
  rows: Row[];
  /** Rows the query produced; `rows` may hold fewer when a limit was asked for. */
  rowCount: number;
  elapsedMs: number;
}

/** Progress of a long step, as the UI shows it. */
export interface Progress {
  /** What is running, e.g. "Writing silver.orders". */
  step: string;
  done: number;
  total?: number;
  unit: 'rows' | 'bytes' | 'files' | 'steps' | 'events';
}

export type ProgressCallback = (progress: Progress) => void;

/**
 * The SQL engine the lake and the pipeline talk to. DuckDB-WASM implements it in the
 * browser and in Node tests; native DuckDB implements it for the benchmark.
 */
export interface SqlEngine {
  /** Run one or more statements and discard any result. */
  exec(sql: string, params?: SqlValue[]): Promise<void>;
  /** Run a query and return its rows as plain objects. */
  query<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /** Run a query and return its result as an Arrow IPC stream. */
  queryArrow(sql: string, params?: SqlValue[]): Promise<Uint8Array>;
  /** Create (or replace) a table from an Arrow IPC stream. */
  createTableFromArrow(table: string, ipcStream: Uint8Array): Promise<void>;
  /** Append the rows of an Arrow IPC stream to an existing table. */
  appendArrow(table: string, ipcStream: Uint8Array): Promise<void>;
}

/**
 * The folder registered file buffers live in. DuckDB reads them with `read_csv` (the Bronze fast
 * path); with `enable_external_access=false` it must be in `allowed_directories`, set before.
 */
export const STAGING_DIRECTORY = '/__staging/';

/** An engine that can hand DuckDB a file held in memory (DuckDB-WASM's registered file buffers). */
export interface FileBufferEngine extends SqlEngine {
  /** Make `bytes` readable by DuckDB as the file `path` (under STAGING_DIRECTORY). */
  registerFileBuffer(path: string, bytes: Uint8Array): void;
  /** Forget a registered file; its memory is freed. */
  dropFileBuffer(path: string): void;
}

/** True when the engine can register file buffers. */
export function canRegisterFiles(engine: SqlEngine): engine is FileBufferEngine {
  return typeof (engine as Partial<FileBufferEngine>).registerFileBuffer === 'function';
}
