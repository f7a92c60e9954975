/**
 * The public face of the lake: what the pipeline, ingestion, the SQL console and the UI use.
 * Every table is a Delta Lake table (Parquet files + `_delta_log/`) under `tables/<layer>/<name>/`
 * in a `Storage`. Table names are `layer.name` (e.g. `silver.orders`); the layer is a DuckDB schema.
 */
import type { SqlValue } from '../engine/types';

/** Which version of a table to read. */
export type VersionSpec = { version: number } | { timestamp: string } | undefined;

/** How `write` combines the new rows with the table. */
export type WriteMode = 'append' | 'overwrite';

/** Options of a write that commits a query's result. */
export interface WriteOptions {
  /** A SELECT whose rows are the data to write (it may read any loaded table or temp table). */
  sql: string;
  params?: SqlValue[];
  mode: WriteMode;
  /** With mode 'overwrite': replace only the rows matching this predicate (Delta's replaceWhere). */
  replaceWhere?: string;
  /** Partition columns; only when the table is created (later writes use the table's own). */
  partitionBy?: string[];
  /** Recorded in commitInfo.operationParameters / shown in DESCRIBE HISTORY. */
  operation?: string;
  operationParameters?: Record<string, unknown>;
  /** Extra commitInfo fields, e.g. which landing files an ingestion read (for exactly-once). */
  commitInfoExtra?: Record<string, unknown>;
  /**
   * Delta `txn` action: an idempotent write. A second write with the same appId and a version at or
   * below the recorded one commits nothing and resolves with `skipped: true`. With `previous` (the
   * appId's version the caller planned from, -1 for none) it is a compare-and-set instead: the write
   * commits only while the table still records `previous` for the appId, and otherwise fails with
   * `ConcurrentTransactionException` (another writer of the same application committed; plan again).
   */
  txn?: { appId: string; version: number; previous?: number };
  /**
   * A DuckDB table (quoted name) that `sql` reads all of and nothing else (`SELECT * FROM t`):
   * the write may take it over as its rows, so they are not copied again (a pipeline model's
   * staged rows). The caller must not use it after the write; the write drops it when adopted.
   */
  adoptTable?: string;
}

/**
 * MERGE by key columns. Matched rows whose values are all equal are left alone (their files are not
 * rewritten), so a merge of unchanged data commits nothing (`skipped: true`).
 */
export interface MergeOptions {
  /** A SELECT giving the source rows. */
  sourceSql: string;
  params?: SqlValue[];
  keys: string[];
  /** Default 'update' (all non-key columns from the source). */
  whenMatched?: 'update' | 'ignore';
  /** Default 'insert'. */
  whenNotMatched?: 'insert' | 'ignore';
  /** Delete target rows whose key is not in the source. Default false. */
  deleteNotMatchedBySource?: boolean;
  partitionBy?: string[];
  /**
   * A DuckDB table (quoted name) that `sourceSql` reads all of (`SELECT * FROM t`, no params): the
   * MERGE reads it as its source instead of a copy, and drops it when done. The caller must not
   * use it afterwards.
   */
  adoptTable?: string;
}

/** SCD type 2 merge: a changed tracked value closes the current row and opens a new one. */
export interface Scd2Options {
  /** A SELECT giving one or more rows per key, each with the time it became true (`effectiveColumn`). */
  sourceSql: string;
  params?: SqlValue[];
  keys: string[];
  tracked: string[];
  /** Source column holding the time a source row's values took effect. */
  effectiveColumn: string;
}

/** What a commit did, as Delta reports it. */
export interface CommitResult {
  table: string;
  /** The version written, or the unchanged version when nothing was committed. */
  version: number;
  /** True when the write committed nothing (same txn version, or a no-op merge). */
  skipped?: boolean;
  operation: string;
  metrics: Record<string, number>;
  /** Where the time went (ms), step by step; see `CommitTimings`. */
  timings?: Partial<CommitTimings>;
}

/**
 * Where an operation's time went (ms), in the order the steps run: `totalMs` is the whole
 * operation once it is the lake's turn (what the steps do not cover is in it, not in a step).
 */
export interface CommitTimings {
  /** Dropping loaded tables above the budget before the operation. */
  trimMs: number;
  /** Loading the tables its SQL reads into DuckDB (decoding their Parquet when not loaded). */
  loadMs: number;
  /** Reading the table's latest snapshot, the query's schema, bringing its loaded copy up to date. */
  planMs: number;
  /** Running the query into a scratch table. */
  queryMs: number;
  /** Cutting the rows into files and computing each file's stats. */
  statsMs: number;
  /** Exporting the rows from DuckDB as Arrow IPC (and cutting runs of files apart). */
  exportMs: number;
  /** Waiting for Parquet encoding (in the encode worker, beside the next export). */
  encodeMs: number;
  /** Building the loaded copy of a create or overwrite while the encode worker encodes its files. */
  copyMs: number;
  /** Waiting for the data files' last storage writes once everything is encoded. */
  storageMs: number;
  /** Taking the commit lock, checking conflicts and writing the log entry. */
  commitMs: number;
  /** Updating the snapshot and the loaded table after the commit. */
  cacheMs: number;
  /** Writing a checkpoint (every CHECKPOINT_INTERVAL versions). */
  checkpointMs: number;
  /** Dropping the write's scratch tables. */
  dropMs: number;
  /** The whole operation. */
  totalMs: number;
}

/** One row of DESCRIBE HISTORY. */
export interface HistoryEntry {
  version: number;
  timestamp: string;
  operation: string;
  operationParameters: Record<string, unknown>;
  operationMetrics: Record<string, number>;
  readVersion?: number | null;
  isBlindAppend?: boolean | null;
  engineInfo?: string | null;
}

/** One live data file of a snapshot. */
export interface DataFileInfo {
  path: string;
  size: number;
  /** From the file's stats, less the rows its deletion vector removes; null when it has no stats. */
  numRecords: number | null;
  /** Rows of the Parquet file its deletion vector removes (0 without one). */
  deletedRows: number;
  /** Partition values by column name (the schema's names, also under column mapping). */
  partitionValues: Record<string, string | null>;
  /** Per-column min, max and null count from the file's stats, by column name; null without stats. */
  stats: {
    minValues: Record<string, unknown>;
    maxValues: Record<string, unknown>;
    nullCount: Record<string, unknown>;
  } | null;
}

/** A table version's protocol, schema and settings (DESCRIBE DETAIL's facts, for one version). */
export interface VersionDetail {
  table: string;
  version: number;
  /** Commit time, as DESCRIBE HISTORY shows it. */
  timestamp: string;
  minReaderVersion: number;
  minWriterVersion: number;
  readerFeatures: string[] | null;
  writerFeatures: string[] | null;
  /** The schema's columns: logical names and Delta types (`decimal(18,2)`, `struct<…>`). */
  columns: { name: string; type: string; nullable: boolean }[];
  partitionColumns: string[];
  configuration: Record<string, string>;
  /** `none`, `name` or `id`. */
  columnMapping: string;
  metadataId: string;
}

/** A table as the table browser lists it. */
export interface TableSummary {
  name: string;
  layer: string;
  version: number;
  numFiles: number;
  sizeBytes: number;
  /** From the files' stats; null when some file has no stats (tables written elsewhere). */
  numRecords: number | null;
  partitionColumns: string[];
  lastModified: string;
  minReaderVersion: number;
  minWriterVersion: number;
  /** Table features of the protocol (reader 3 / writer 7), null when it lists none. */
  readerFeatures: string[] | null;
  writerFeatures: string[] | null;
  /** True for `external.*` tables: opened from files, read-only until imported. */
  readOnly: boolean;
}

/** Which files a scan read. */
export interface ScanReport {
  filesRead: number;
  filesTotal: number;
}

/** What VACUUM deleted (or, with dryRun, would delete). */
export interface VacuumResult {
  table: string;
  dryRun: boolean;
  files: string[];
  bytes: number;
}

/** The lake's operations. */
export interface LakeApi {
  listTables(): Promise<TableSummary[]>;
  /**
   * The latest version of every table, by name, from the names of its log's files alone: no
   * commit or checkpoint is read (what a reload needs before any table is asked for).
   */
  latestVersions(): Promise<Record<string, number>>;
  exists(table: string): Promise<boolean>;
  /** Latest version, or -1 when the table does not exist. */
  latestVersion(table: string): Promise<number>;
  /** The latest `txn` version the table records for an application id, or -1 (no such table or txn). */
  txnVersion(table: string, appId: string): Promise<number>;
  /** Make the latest version queryable in DuckDB as `layer.name`; cheap when already current. */
  ensureLoaded(table: string): Promise<number>;
  /** Load a version (or the latest at or before a timestamp) into DuckDB under `into`. */
  loadVersion(table: string, spec: VersionSpec, into: string): Promise<number>;
  /** Load only the files whose stats or partition values can match `predicate` into `into`. */
  scan(table: string, predicate: string, into: string, spec?: VersionSpec): Promise<ScanReport>;
  write(table: string, options: WriteOptions): Promise<CommitResult>;
  merge(table: string, options: MergeOptions): Promise<CommitResult>;
  scd2(table: string, options: Scd2Options): Promise<CommitResult>;
  deleteWhere(table: string, predicate: string, params?: SqlValue[]): Promise<CommitResult>;
  /** UPDATE table SET `assignments` WHERE `predicate` (SQL text), copy-on-write. */
  update(table: string, assignments: string, predicate?: string): Promise<CommitResult>;
  history(table: string): Promise<HistoryEntry[]>;
  restore(table: string, spec: { version: number } | { timestamp: string }): Promise<CommitResult>;
  optimize(table: string, options?: { zorderBy?: string[]; targetFileBytes?: number }): Promise<CommitResult>;
  vacuum(
    table: string,
    options?: { retainHours?: number; dryRun?: boolean; force?: boolean },
  ): Promise<VacuumResult>;
  /** Live data files of a version, with their stats. */
  files(table: string, spec?: VersionSpec): Promise<DataFileInfo[]>;
  /** Protocol, schema and settings of a version (the latest by default). */
  describeVersion(table: string, spec?: VersionSpec): Promise<VersionDetail>;
  /** Delete every table (reset). */
  dropAll(): Promise<void>;
}
