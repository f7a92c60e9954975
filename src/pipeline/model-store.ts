import type { Row, SqlValue } from '../engine/types';
import type { ModelWrite } from './types';

/** The SQL the pipeline runs: statements and queries with bound values, rows as plain objects. */
export interface PipelineSql {
  exec(sql: string, params?: SqlValue[]): Promise<void>;
  query<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T[]>;
}

/** What to commit: the rows of a SELECT, written by a model's write mode. */
export type OutputWrite = ModelWrite & {
  /** A SELECT over loaded tables or temp tables. */
  sql: string;
  params?: SqlValue[];
  /** Partition columns, used when the table is created. */
  partitionBy?: string[];
  /**
   * The staged table (quoted) that `sql` reads all of: a store may take it over as the written
   * rows instead of copying them; the runner does not use it after the write.
   */
  adoptTable?: string;
};

/** What a commit did. */
export interface OutputCommit {
  /** The version the table is at after the write. */
  version: number;
  /** True when nothing was committed (e.g. a MERGE that changed no row). */
  skipped: boolean;
}

/**
 * Where the pipeline's tables live: the Delta lake in the app, plain DuckDB tables in Node (WASM or
 * native). Every table has a version that grows with each commit; the runner compares versions to
 * decide what is new.
 */
export interface ModelStore {
  /** The engine the models run on; the store loads tables into it as `layer.name`. */
  readonly sql: PipelineSql;
  /** Latest version of a table, -1 when it does not exist. */
  latestVersion(table: string): Promise<number>;
  /** Make the latest version of an existing table queryable as `layer.name`; returns that version. */
  ensureLoaded(table: string): Promise<number>;
  /** Commit the rows of `output.sql` to `table` by the write mode (creating the table if needed). */
  write(table: string, output: OutputWrite): Promise<OutputCommit>;
}
