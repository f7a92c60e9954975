import { quoteIdent } from '../../engine/sql-quote';
import type { SqlValue } from '../../engine/types';
import { fileKey } from '../delta/actions';
import { duckType, type SparkField } from '../delta/schema';
import type { Snapshot } from '../delta/snapshot';
import {
  FILE_ID_COLUMN,
  loadedTableSql,
  parseTableName,
  replacementTableSql,
  viewSql,
  type TableName,
} from '../names';
import { appendFiles, createTypedTable, loadSourceOf, type LoadContext } from './loader';
import { insertWrittenRows, type WrittenRowsSource } from './written-copy';

/** A table kept loaded in DuckDB: which version, and which file each row came from. */
interface LoadedTable {
  version: number;
  /** The operation that last used it (see `endOperation`), and a use counter for least-recent order. */
  operation: number;
  lastUse: number;
  /** metaData id + schema + partitioning: when it changes, the table is loaded again from scratch. */
  shape: string;
  /** By logical file (`fileKey`: the path, plus its deletion vector's id when it has one). */
  fileIds: Map<string, number>;
  nextFileId: number;
}

/** Rows a commit wrote, still in DuckDB: file number (an SQL expression) → the data file it went to. */
export interface WrittenRows extends WrittenRowsSource {
  /** The scratch tables behind `fromSql`, dropped after the commit. */
  tables: string[];
  paths: string[];
  /**
   * The rows' loaded copy, built before the commit (`replacementOf`), and the columns it was built
   * with: a commit that replaces all of the table renames it into place instead of copying the rows.
   */
  replacement?: { tableSql: string; columns: string };
}

/** A loaded copy to build before a commit that will replace the whole table (`replacementOf`). */
export interface LoadedReplacement {
  /** Its quoted name (dropped with the written rows when it is not renamed into place). */
  tableSql: string;
  /** Copy the written rows into it, file number i with file id i (the ids a new loaded table gives). */
  build(written: WrittenRows): Promise<void>;
}

/**
 * Default bytes of DuckDB in-memory tables above which loaded tables of earlier operations are
 * dropped. Measured at full-1m (scale 1.0 + 1M events, DuckDB-WASM in Node): DuckDB's memory
 * peaked at 1326 MB with 1 GiB and 1125 MB with 384 MiB (bronze.events is then read back from its
 * files by silver.events instead of kept from its ingestion).
 */
export const DEFAULT_LOADED_BUDGET_BYTES = 384 * 1024 * 1024;

/**
 * Keeps `layer.name` in DuckDB in step with the table's latest version: a view over a table of the
 * rows plus the id of the data file each row came from, so DELETE, MERGE and OPTIMIZE know which
 * files to rewrite and a new version is applied as a difference of files, not a full reload.
 *
 * Memory: DuckDB-WASM cannot spill and its memory never shrinks, so loaded tables are not kept
 * forever. While DuckDB's in-memory tables take more than `budgetBytes`, the least recently used
 * loaded table that no table use of the current operation touched is dropped (its view goes with
 * it); the next `sync` loads it again from its files. An operation ends with `endOperation` (the
 * lake calls it before and after each commit), so tables a caller loaded and is about to query stay
 * loaded.
 */
export class TableCache {
  private readonly loaded = new Map<string, LoadedTable>();
  private operation = 0;
  private uses = 0;

  constructor(
    private readonly context: LoadContext,
    private readonly budgetBytes = DEFAULT_LOADED_BUDGET_BYTES,
  ) {}

  /** Tables used from now on belong to a new operation; the ones used so far may be dropped. */
  endOperation(): void {
    this.operation++;
  }

  /** The version held in DuckDB, or undefined when the table is not loaded. */
  versionOf(table: TableName): number | undefined {
    return this.loaded.get(table.full)?.version;
  }

  /** File ids of the loaded files (by `fileKey`, the log path for files without a deletion vector); only valid right after `sync`. */
  fileIds(table: TableName): Map<string, number> {
    return this.loaded.get(table.full)?.fileIds ?? new Map();
  }

  /** Make DuckDB hold exactly the rows of `snapshot`. */
  async sync(table: TableName, snapshot: Snapshot): Promise<void> {
    const current = this.loaded.get(table.full);
    if (current) this.touch(current);
    await this.trim();
    if (current && current.shape === shapeOf(snapshot) && current.version === snapshot.version) return;
    try {
      if (!current || current.shape !== shapeOf(snapshot)) await this.reload(table, snapshot);
      else await this.applyDifference(table, current, snapshot);
    } catch (error) {
      await this.drop(table);
      throw error;
    }
  }

  /**
   * Apply a commit this process just made without reading its files back: drop the rows of the
   * files it removed and insert the rows it wrote. A commit that creates the table or replaces
   * all of it (an overwrite) makes the written rows the new loaded table, instead of deleting
   * every old row (whose space DuckDB would keep), whatever its size: the copy is compressed
   * (`__lake_tables`; 1M event rows take ~26 MB), while reading a large table back from its files
   * costs seconds of Parquet decoding, and the budget (`trim`) drops it when memory is short. Then
   * `sync` brings in any concurrent commits.
   */
  async applyOwnCommit(
    table: TableName,
    read: Snapshot | null,
    after: Snapshot,
    removedPaths: string[],
    written: WrittenRows | null,
  ): Promise<void> {
    const current = this.loaded.get(table.full);
    try {
      let state: LoadedTable;
      if (!read || replacesWholeTable(read, removedPaths.length)) {
        this.loaded.delete(table.full);
        state = this.newState(after);
        if (!(await this.takeReplacement(table, after, written, state)))
          await this.replaceRows(table, after, written, state);
        // A view over a table of another shape must be created again; the same shape keeps it.
        if (current?.shape !== state.shape) await this.createView(table);
        this.loaded.set(table.full, state);
      } else if (!current || current.version !== read.version || shapeOf(read) !== shapeOf(after)) {
        await this.drop(table);
        return;
      } else {
        state = current;
        this.touch(state);
        await this.deleteFiles(table, state, removedPaths);
        await this.insertRows(table, after, written, state);
      }
      state.version = -1; // the files are right; sync checks them against `after` (and loads winners' files)
      await this.sync(table, after);
    } catch (error) {
      await this.drop(table);
      throw error;
    }
  }

  /**
   * The loaded copy of a write that will replace all of `table` (a create, an overwrite), built
   * before its commit: the writer builds it while the encode worker encodes the last files, so
   * the copy no longer waits for the encoding and the commit. Its columns are the written schema's.
   */
  replacementOf(table: TableName, schema: SparkField[]): LoadedReplacement {
    const tableSql = replacementTableSql(table);
    return {
      tableSql,
      build: async (written) => {
        await createTypedTable(this.context.engine, tableSql, schema, true, {
          name: table.full,
          version: -1,
        });
        await insertWrittenRows(this.context.engine, tableSql, columnList(schema), written, 0);
        written.replacement = { tableSql, columns: columnsKey(schema) };
      },
    };
  }

  /** Rename a replacement built for these rows into place; false when there is none of `after`'s columns. */
  private async takeReplacement(
    table: TableName,
    after: Snapshot,
    written: WrittenRows | null,
    state: LoadedTable,
  ): Promise<boolean> {
    const replacement = written?.replacement;
    if (!written || !replacement || replacement.columns !== columnsKey(after.schema)) return false;
    await this.context.engine.exec(`DROP TABLE IF EXISTS ${loadedTableSql(table)}`);
    await this.context.engine.exec(`ALTER TABLE ${replacement.tableSql} RENAME TO ${quoteIdent(table.full)}`);
    this.noteFiles(state, written.paths);
    return true;
  }

  /** The loaded table holds exactly the written rows (an empty table of the schema when none). */
  private async replaceRows(
    table: TableName,
    after: Snapshot,
    written: WrittenRows | null,
    state: LoadedTable,
  ): Promise<void> {
    await createTypedTable(this.context.engine, loadedTableSql(table), after.schema, true, {
      name: table.full,
      version: after.version,
    });
    await this.insertRows(table, after, written, state);
  }

  /** Add a commit's written rows to the loaded table, in row ranges (not one statement: see COPY_BATCH_ROWS). */
  private async insertRows(
    table: TableName,
    after: Snapshot,
    written: WrittenRows | null,
    state: LoadedTable,
  ): Promise<void> {
    if (!written || written.paths.length === 0) return;
    await insertWrittenRows(
      this.context.engine,
      loadedTableSql(table),
      columnsOf(after),
      written,
      state.nextFileId,
    );
    this.noteFiles(state, written.paths);
  }

  /** Give the next file ids to the files a commit wrote (file number i → nextFileId + i). */
  private noteFiles(state: LoadedTable, paths: string[]): void {
    paths.forEach((path, i) => state.fileIds.set(path, state.nextFileId + i));
    state.nextFileId += paths.length;
  }

  /** Forget a table and drop its DuckDB objects. */
  async drop(table: TableName): Promise<void> {
    this.loaded.delete(table.full);
    await this.context.engine.exec(`DROP VIEW IF EXISTS ${viewSql(table)}`);
    await this.context.engine.exec(`DROP TABLE IF EXISTS ${loadedTableSql(table)}`);
  }

  /** Names of the loaded tables. */
  names(): string[] {
    return [...this.loaded.keys()];
  }

  /**
   * Drop least recently used tables of earlier operations while DuckDB's in-memory tables (loaded
   * copies and scratch tables alike) take more than the budget.
   */
  async trim(): Promise<void> {
    let candidates = [...this.loaded.entries()]
      .filter(([, state]) => state.operation < this.operation)
      .sort(([, a], [, b]) => a.lastUse - b.lastUse);
    while (candidates.length > 0 && (await this.inMemoryTableBytes()) > this.budgetBytes) {
      const [name] = candidates[0];
      candidates = candidates.slice(1);
      await this.drop(parseTableName(name));
    }
  }

  /** Bytes DuckDB's in-memory tables take now (freed as soon as a table is dropped). */
  private async inMemoryTableBytes(): Promise<number> {
    const [row] = await this.context.engine.query<{ bytes: number | bigint | null }>(
      `SELECT sum(memory_usage_bytes)::DOUBLE AS bytes FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'`,
    );
    return Number(row?.bytes ?? 0);
  }

  private newState(snapshot: Snapshot): LoadedTable {
    const state = { version: -1, shape: shapeOf(snapshot), fileIds: new Map(), nextFileId: 0 };
    return { ...state, operation: this.operation, lastUse: ++this.uses };
  }

  private touch(state: LoadedTable): void {
    state.operation = this.operation;
    state.lastUse = ++this.uses;
  }

  private async reload(table: TableName, snapshot: Snapshot): Promise<void> {
    const files = [...snapshot.files.values()];
    const state = this.newState(snapshot);
    this.loaded.delete(table.full);
    await createTypedTable(this.context.engine, loadedTableSql(table), snapshot.schema, true, {
      name: table.full,
      version: snapshot.version,
    });
    await appendFiles(
      this.context,
      loadSourceOf(table.full, snapshot),
      files,
      loadedTableSql(table),
      files.map((_, i) => i),
    );
    files.forEach((file, i) => state.fileIds.set(fileKey(file), i));
    state.nextFileId = files.length;
    state.version = snapshot.version;
    await this.createView(table);
    this.loaded.set(table.full, state);
  }

  private async applyDifference(table: TableName, current: LoadedTable, snapshot: Snapshot): Promise<void> {
    // A file whose deletion vector changed is another logical file: its rows are loaded again.
    const live = new Set([...snapshot.files.values()].map(fileKey));
    const removed = [...current.fileIds.keys()].filter((key) => !live.has(key));
    const added = [...snapshot.files.values()].filter((file) => !current.fileIds.has(fileKey(file)));
    await this.deleteFiles(table, current, removed);
    const ids = added.map((_, i) => current.nextFileId + i);
    await appendFiles(this.context, loadSourceOf(table.full, snapshot), added, loadedTableSql(table), ids);
    added.forEach((file, i) => current.fileIds.set(fileKey(file), ids[i]));
    current.nextFileId += added.length;
    current.version = snapshot.version;
  }

  /** Drop the rows of logical files (`fileKey`s; the paths of our own commits' files). */
  private async deleteFiles(table: TableName, current: LoadedTable, paths: string[]): Promise<void> {
    const ids: SqlValue[] = paths.map((path) => current.fileIds.get(path)).filter((id) => id !== undefined);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await this.context.engine.exec(
        `DELETE FROM ${loadedTableSql(table)} WHERE ${quoteIdent(FILE_ID_COLUMN)} IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
    }
    for (const path of paths) current.fileIds.delete(path);
  }

  private async createView(table: TableName): Promise<void> {
    await this.context.engine.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(table.layer)}`);
    await this.context.engine.exec(
      `CREATE OR REPLACE VIEW ${viewSql(table)} AS SELECT * EXCLUDE (${quoteIdent(FILE_ID_COLUMN)}) FROM ${loadedTableSql(table)}`,
    );
  }
}

/**
 * True when a commit from `read` that removes this many files leaves only the rows it wrote (a
 * create, an overwrite): its written rows become the whole loaded table (`applyOwnCommit`).
 */
export function replacesWholeTable(read: Snapshot | null, removedFiles: number): boolean {
  return !read || removedFiles === read.files.size;
}

function columnsOf(snapshot: Snapshot): string {
  return columnList(snapshot.schema);
}

function columnList(schema: SparkField[]): string {
  return schema.map((f) => quoteIdent(f.name)).join(', ');
}

/** Names and DuckDB types of a loaded table's columns, to compare two schemas' tables. */
function columnsKey(schema: SparkField[]): string {
  return schema.map((f) => `${quoteIdent(f.name)} ${duckType(f.type)}`).join(', ');
}

function shapeOf(snapshot: Snapshot): string {
  const m = snapshot.metadata;
  return `${m.id}|${m.schemaString}|${m.partitionColumns.join(',')}`;
}
