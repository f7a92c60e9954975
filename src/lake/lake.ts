import type { ParquetCodec } from '../engine/parquet-codec';
import { quoteIdent, quoteQualified } from '../engine/sql-quote';
import type { SqlEngine, SqlValue } from '../engine/types';
import { decodeLogPath, type AddFile } from './delta/actions';
import { clearCommitCache } from './delta/log';
import { columnMappingMode } from './delta/column-mapping';
import { checkReadable, type Snapshot } from './delta/snapshot';
import { Snapshots } from './delta/snapshots';
import { filesLockName, folderOf, LAKE_LOCK, logOf, type LakeContext } from './context';
import { tableNotFound } from './errors';
import { isExternalTable } from './external/external-names';
import { readOnlyTable } from './external/open-refused';
import type {
  CommitResult,
  DataFileInfo,
  HistoryEntry,
  LakeApi,
  MergeOptions,
  ScanReport,
  Scd2Options,
  TableSummary,
  VacuumResult,
  VersionDetail,
  VersionSpec,
  WriteOptions,
} from './lake-api';
import { InProcessTableLocks, type TableLocks } from './locks/table-locks';
import { history } from './maintenance/history';
import { vacuum } from './maintenance/vacuum';
import {
  LAKE_DATABASE,
  LAKE_ROOT,
  LAKE_SCHEMA,
  LAKE_SETUP_SQL,
  parseTableName,
  type TableName,
} from './names';
import { deleteWhere } from './ops/delete-op';
import { mergeInto } from './ops/merge-op';
import { optimize } from './ops/optimize-op';
import { restore } from './ops/restore-op';
import { scd2Merge } from './ops/scd2-op';
import { updateWhere } from './ops/update-op';
import { writeTable } from './ops/write-op';
import { appendFiles, createTypedTable, loadSourceOf } from './read/loader';
import { profileOf, type TableProfile } from './read/column-profile';
import { TableCache } from './read/table-cache';
import { fileInfoOf, summaryOf, versionDetailOf } from './read/describe';
import { resolveVersion } from './read/versions';
import { planScan } from './skipping/plan';
import { findReferences } from './sql/references';
import { meaningful, tokenize } from './sql/tokenizer';
import { withNothingCommitted } from './storage/errors';
import { joinPath, type Storage } from './storage/types';
import { readCommitActions } from './explore/commit-actions';
import type { CommitActions, FileHistory, SkippingPlan, TimelineEntry } from './explore/explore-types';
import { fileHistoryOf } from './explore/file-history';
import { readLog } from './explore/log-commits';
import { timelineOf } from './explore/timeline';

/**
 * A version the lake committed, or a reset: tables dropped or replaced (every version a listener
 * knows may be wrong; read them again).
 */
export type LakeCommitEvent =
  { kind: 'commit'; table: string; version: number; operation: string } | { kind: 'reset' };

/** What a Lake is built from. */
export interface LakeDeps {
  engine: SqlEngine;
  parquet: ParquetCodec;
  storage: Storage;
  /** Web Locks in the browser; in-process locks by default (Node). */
  locks?: TableLocks;
  /** Epoch milliseconds; commit times, file times and VACUUM's retention window come from it. */
  clock?: () => number;
  /** Storage folder of the tables (default `tables`). */
  root?: string;
  /**
   * Bytes of DuckDB in-memory tables above which tables loaded by earlier operations are dropped
   * (loaded again from their files when next read); default `DEFAULT_LOADED_BUDGET_BYTES`.
   */
  loadedBudgetBytes?: number;
}

/**
 * Delta Lake tables over a Storage, queryable in DuckDB as `layer.name`. Calls run one at a time
 * (they share scratch tables in DuckDB); writers of the same table in other tabs or workers are
 * kept apart by the table locks and optimistic commits.
 */
export class Lake implements LakeApi {
  private readonly context: LakeContext;
  private queue: Promise<unknown> = Promise.resolve();
  private ready: Promise<void> | null = null;
  private readonly commitListeners = new Set<(event: LakeCommitEvent) => void>();

  constructor(deps: LakeDeps) {
    const snapshots = new Snapshots(deps.storage, deps.parquet);
    this.context = {
      engine: deps.engine,
      parquet: deps.parquet,
      storage: deps.storage,
      locks: deps.locks ?? new InProcessTableLocks(),
      clock: deps.clock ?? Date.now,
      root: deps.root ?? LAKE_ROOT,
      snapshots,
      cache: new TableCache(
        { engine: deps.engine, parquet: deps.parquet, storage: deps.storage },
        deps.loadedBudgetBytes,
      ),
    };
  }

  listTables(): Promise<TableSummary[]> {
    return this.run(() => this.summaries());
  }

  latestVersions(): Promise<Record<string, number>> {
    return this.run(() => this.versionsFromListings());
  }

  exists(table: string): Promise<boolean> {
    return this.run(async () => (await this.latest(parseTableName(table))) !== null);
  }

  latestVersion(table: string): Promise<number> {
    return this.run(async () => (await this.latest(parseTableName(table)))?.version ?? -1);
  }

  txnVersion(table: string, appId: string): Promise<number> {
    return this.run(async () => (await this.latest(parseTableName(table)))?.txns.get(appId) ?? -1);
  }

  ensureLoaded(table: string): Promise<number> {
    return this.run(() => this.load(parseTableName(table)));
  }

  loadVersion(table: string, spec: VersionSpec, into: string): Promise<number> {
    return this.run(async () => {
      const snapshot = await this.snapshotAt(parseTableName(table), spec);
      await this.loadInto(parseTableName(table), snapshot, [...snapshot.files.values()], into);
      return snapshot.version;
    });
  }

  scan(table: string, predicate: string, into: string, spec?: VersionSpec): Promise<ScanReport> {
    return this.run(async () => {
      const name = parseTableName(table);
      const snapshot = await this.snapshotAt(name, spec);
      const files = planScan(snapshot, predicate).read;
      const staging = `${LAKE_SCHEMA}.__scan`;
      await this.loadInto(name, snapshot, files, staging);
      await this.createSchemaOf(into);
      await this.context.engine.exec(
        `CREATE OR REPLACE TABLE ${quoteQualified(into)} AS SELECT * FROM ${quoteQualified(staging)} WHERE (${predicate})`,
      );
      await this.context.engine.exec(`DROP TABLE ${quoteQualified(staging)}`);
      return { filesRead: files.length, filesTotal: snapshot.files.size };
    });
  }

  write(table: string, options: WriteOptions): Promise<CommitResult> {
    return this.runOperation(options.sql, () =>
      writeTable(this.context, this.writable(table, options.operation ?? 'WRITE'), options),
    );
  }

  merge(table: string, options: MergeOptions): Promise<CommitResult> {
    return this.runOperation(options.sourceSql, () =>
      mergeInto(this.context, this.writable(table, 'MERGE'), options),
    );
  }

  scd2(table: string, options: Scd2Options): Promise<CommitResult> {
    return this.runOperation(options.sourceSql, () =>
      scd2Merge(this.context, this.writable(table, 'MERGE'), options),
    );
  }

  deleteWhere(table: string, predicate: string, params: SqlValue[] = []): Promise<CommitResult> {
    return this.runOperation(predicate, () =>
      deleteWhere(this.context, this.writable(table, 'DELETE'), predicate, params),
    );
  }

  /** UPDATE table SET `assignments` WHERE `predicate` (SQL text, as typed in the console). */
  update(table: string, assignments: string, predicate = 'TRUE'): Promise<CommitResult> {
    return this.runOperation(`${assignments} ${predicate}`, () =>
      updateWhere(this.context, this.writable(table, 'UPDATE'), assignments, predicate),
    );
  }

  /**
   * Create `external.<name>` from the rows of a query (a file opened as a table): the one write an
   * external table gets, made by the app, never by a user's statement.
   */
  createExternal(table: string, options: WriteOptions): Promise<CommitResult> {
    return this.runOperation(null, async () => {
      const name = parseTableName(table);
      if (!isExternalTable(table) || (await this.latest(name)))
        throw new Error(`${table} is not a new external table`);
      return writeTable(this.context, name, { ...options, mode: 'overwrite' });
    });
  }

  history(table: string): Promise<HistoryEntry[]> {
    return this.run(() => history(this.context, parseTableName(table)));
  }

  restore(table: string, spec: { version: number } | { timestamp: string }): Promise<CommitResult> {
    return this.runOperation(null, async () => restore(this.context, this.writable(table, 'RESTORE'), spec));
  }

  optimize(
    table: string,
    options: { zorderBy?: string[]; targetFileBytes?: number } = {},
  ): Promise<CommitResult> {
    return this.runOperation(null, async () =>
      optimize(this.context, this.writable(table, 'OPTIMIZE'), options),
    );
  }

  vacuum(
    table: string,
    options: { retainHours?: number; dryRun?: boolean; force?: boolean } = {},
  ): Promise<VacuumResult> {
    return this.run(async () => vacuum(this.context, this.writable(table, 'VACUUM'), options));
  }

  /** A version's columns with their types and the Delta statistics of its files (no data file is read). */
  profile(table: string, spec?: VersionSpec): Promise<TableProfile> {
    return this.run(async () => profileOf(table, await this.snapshotAt(parseTableName(table), spec)));
  }

  files(table: string, spec?: VersionSpec): Promise<DataFileInfo[]> {
    return this.run(async () => {
      const snapshot = await this.snapshotAt(parseTableName(table), spec);
      return [...snapshot.files.values()].map((f) => fileInfoOf(snapshot, f));
    });
  }

  describeVersion(table: string, spec?: VersionSpec): Promise<VersionDetail> {
    return this.run(async () =>
      versionDetailOf(table, await this.snapshotAt(parseTableName(table), spec, false)),
    );
  }

  /** Every version of a table still in its log, oldest first, with the files and rows each added and removed. */
  timeline(table: string): Promise<TimelineEntry[]> {
    return this.run(async () => {
      const name = parseTableName(table);
      const read = await readLog(this.context.snapshots, logOf(this.context, name));
      if (read.commits.length === 0) throw tableNotFound(table);
      return timelineOf(read);
    });
  }

  /** The actions of one version's commit file, parsed, with the raw JSON lines. */
  commitActions(table: string, version: number): Promise<CommitActions> {
    return this.run(async () => {
      const name = parseTableName(table);
      if (!(await this.latest(name))) throw tableNotFound(table);
      return readCommitActions(this.context.storage, logOf(this.context, name), table, version);
    });
  }

  /** Every data file the log knows, with its stats, the versions it was live in, and whether it is still stored. */
  fileHistory(table: string): Promise<FileHistory> {
    return this.run(async () => {
      const name = parseTableName(table);
      const latest = await this.latest(name);
      if (!latest) throw tableNotFound(table);
      const folder = folderOf(this.context, name);
      const read = await readLog(this.context.snapshots, logOf(this.context, name));
      const stored = await this.context.storage.list(folder);
      const present = new Set(stored.map((f) => f.path.slice(folder.length + 1)));
      return fileHistoryOf(
        table,
        read,
        latest.schema,
        latest.metadata.partitionColumns,
        present,
        columnMappingMode(latest.protocol, latest.metadata),
      );
    });
  }

  /** Which live files of a version a scan with `predicate` would read, and which it skips by their stats. */
  explainScan(table: string, predicate: string, spec?: VersionSpec): Promise<SkippingPlan> {
    return this.run(async () => {
      const snapshot = await this.snapshotAt(parseTableName(table), spec);
      const plan = planScan(snapshot, predicate);
      const paths = (files: AddFile[]) => files.map((f) => decodeLogPath(f.path)).sort();
      return { version: snapshot.version, predicate, read: paths(plan.read), skipped: paths(plan.skipped) };
    });
  }

  /** Delete one table: its files, its history, its loaded copy (a walkthrough step starts it afresh). */
  dropTable(table: string): Promise<void> {
    return this.run(async () => {
      const name = parseTableName(table);
      const folder = folderOf(this.context, name);
      const locks = this.context.locks;
      await locks.run(LAKE_LOCK, 'shared', () =>
        locks.run(filesLockName(folder), 'exclusive', async () => {
          await this.context.cache.drop(name);
          await this.context.storage.deleteFolder(folder);
          this.context.snapshots.forget(folder);
          clearCommitCache();
        }),
      );
      this.publish({ kind: 'reset' });
    });
  }

  /**
   * Drop every loaded copy; each is loaded again from its data files when next read. For after SQL
   * the lake did not write ran in DuckDB: a rewrite (OPTIMIZE, DELETE, UPDATE, MERGE) copies rows
   * from the loaded copy, so a copy something else may have changed is never used.
   */
  dropLoadedCopies(): Promise<void> {
    return this.run(async () => {
      for (const name of this.context.cache.names()) await this.context.cache.drop(parseTableName(name));
    });
  }

  dropAll(): Promise<void> {
    return this.exclusively(() => this.context.storage.deleteFolder(this.context.root));
  }

  /**
   * Run `job` alone in the whole lake: it starts once no write of any table is between its read and
   * its commit in any tab or worker, and no write starts until it ends (reset, import). Loaded
   * copies and cached snapshots are dropped, since `job` may change any table's files. `job` must
   * not call the lake: its calls would wait for this one.
   */
  exclusively<T>(job: () => Promise<T>): Promise<T> {
    return this.run(() =>
      this.context.locks.run(LAKE_LOCK, 'exclusive', async () => {
        try {
          return await job();
        } finally {
          await this.forgetLoaded();
          this.publish({ kind: 'reset' });
        }
      }),
    );
  }

  /**
   * Forget everything read from storage (loaded tables, snapshots, parsed commits) without touching
   * a file: the next call reads the tables afresh, e.g. after an import replaced their files.
   */
  forget(): Promise<void> {
    return this.run(async () => {
      await this.forgetLoaded();
      this.publish({ kind: 'reset' });
    });
  }

  /** The locks its writers take, for operations on the whole lakehouse (export, import). */
  get locks(): TableLocks {
    return this.context.locks;
  }

  /** The version a version or timestamp names (checked: it exists). */
  resolveVersion(table: string, spec: { version: number } | { timestamp: string }): Promise<number> {
    return this.run(async () => (await this.snapshotAt(parseTableName(table), spec)).version);
  }

  /** Which `layer.name` references of a SQL text are lake tables (for the SQL console). */
  tablesIn(sql: string): Promise<string[]> {
    return this.run(async () => {
      const names = new Set(findReferences(meaningful(tokenize(sql))).map((r) => r.table));
      const tables: string[] = [];
      for (const name of names) {
        try {
          if (await this.latest(parseTableName(name))) tables.push(name);
        } catch {
          // not a table name (e.g. alias.column)
        }
      }
      return tables;
    });
  }

  /**
   * Hear of every commit this lake makes (a version written; not a write that committed nothing)
   * and of `dropAll`. Listeners are called after the commit, synchronously; the result stops it.
   */
  onCommit(listener: (event: LakeCommitEvent) => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  private publish(event: LakeCommitEvent): void {
    for (const listener of this.commitListeners) {
      try {
        listener(event);
      } catch {
        // a listener's failure is its own; the commit stands
      }
    }
  }

  /** Run one call at a time: calls share DuckDB scratch tables. */
  private run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.queue.then(async () => {
      this.ready ??= (async () => {
        for (const statement of LAKE_SETUP_SQL) await this.context.engine.exec(statement);
      })();
      await this.ready;
      return job();
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Run a commit as an operation of its own: the tables loaded before it that its SQL does not
   * read may be dropped to keep memory within the budget before it materializes its rows, and so
   * may the ones it used once it ends (a caller loads what it queries after a commit again). The
   * tables `readsSql` names are loaded first, then `job` runs; the result's timings get the trim,
   * the load and the whole operation's time.
   */
  private runOperation(readsSql: string | null, job: () => Promise<CommitResult>): Promise<CommitResult> {
    return this.run(async () => {
      this.context.cache.endOperation();
      let result: CommitResult;
      try {
        const started = performance.now();
        await this.context.cache.trim();
        const trimmed = performance.now();
        if (readsSql !== null) await this.loadReferences(readsSql);
        const loaded = performance.now();
        result = await job();
        result.timings = {
          trimMs: trimmed - started,
          loadMs: loaded - trimmed,
          ...result.timings,
          totalMs: performance.now() - started,
        };
      } catch (error) {
        // An operation that throws committed nothing (after its commit nothing may fail it).
        throw withNothingCommitted(error);
      } finally {
        this.context.cache.endOperation();
      }
      if (!result.skipped)
        this.publish({
          kind: 'commit',
          table: result.table,
          version: result.version,
          operation: result.operation,
        });
      return result;
    });
  }

  private async forgetLoaded(): Promise<void> {
    for (const name of this.context.cache.names()) await this.context.cache.drop(parseTableName(name));
    this.context.snapshots.forget();
    clearCommitCache();
    await this.context.engine.exec(`DROP SCHEMA IF EXISTS ${quoteIdent(LAKE_SCHEMA)} CASCADE`);
    await this.context.engine.exec(
      `DROP SCHEMA IF EXISTS ${quoteIdent(LAKE_DATABASE)}.${quoteIdent(LAKE_SCHEMA)} CASCADE`,
    );
    for (const statement of LAKE_SETUP_SQL) await this.context.engine.exec(statement);
  }

  /** The table to write, or a refusal for an external (read-only) table. */
  private writable(table: string, operation: string): TableName {
    const name = parseTableName(table);
    if (isExternalTable(name.full)) throw readOnlyTable(name.full, operation);
    return name;
  }

  private latest(table: TableName): Promise<Snapshot | null> {
    return this.context.snapshots.latest(folderOf(this.context, table));
  }

  private async load(table: TableName): Promise<number> {
    const snapshot = await this.latest(table);
    if (!snapshot) throw tableNotFound(table.full);
    checkReadable(snapshot, table.full);
    await this.context.cache.sync(table, snapshot);
    return snapshot.version;
  }

  /** Load every lake table a query reads, so it runs against current data. */
  private async loadReferences(sql: string): Promise<void> {
    for (const reference of findReferences(meaningful(tokenize(sql)))) {
      let table: TableName;
      try {
        table = parseTableName(reference.table);
      } catch {
        continue;
      }
      if (await this.latest(table)) await this.load(table);
    }
  }

  private async snapshotAt(table: TableName, spec: VersionSpec, readable = true): Promise<Snapshot> {
    const latest = await this.latest(table);
    if (!latest) throw tableNotFound(table.full);
    let snapshot = latest;
    if (spec !== undefined) {
      const log = logOf(this.context, table);
      const listing = await log.list();
      const version = await resolveVersion(log, listing, table.full, spec);
      snapshot = await this.context.snapshots.at(folderOf(this.context, table), version, listing);
    }
    if (readable) checkReadable(snapshot, table.full);
    return snapshot;
  }

  private async loadInto(table: TableName, snapshot: Snapshot, files: AddFile[], into: string) {
    await this.createSchemaOf(into);
    await createTypedTable(this.context.engine, quoteQualified(into), snapshot.schema, false, {
      name: table.full,
      version: snapshot.version,
    });
    await appendFiles(this.context, loadSourceOf(table.full, snapshot), files, quoteQualified(into));
  }

  private async createSchemaOf(name: string): Promise<void> {
    const dot = name.indexOf('.');
    if (dot > 0)
      await this.context.engine.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(name.slice(0, dot))}`);
  }

  /** Each table folder's log listed (names, sizes, times), none of its files read; all at once. */
  private async versionsFromListings(): Promise<Record<string, number>> {
    const tables = await this.tableFolders();
    const latest = await Promise.all(
      tables.map(async (table) => {
        const listing = await logOf(this.context, table).list();
        return Math.max(-1, ...listing.versions, ...listing.checkpoints.keys());
      }),
    );
    const versions: Record<string, number> = {};
    tables.forEach((table, i) => {
      if (latest[i] >= 0) versions[table.full] = latest[i];
    });
    return versions;
  }

  /** Every `<layer>/<table>` folder whose name is a table's, from folder names alone, sorted. */
  private async tableFolders(): Promise<TableName[]> {
    const { storage, root } = this.context;
    const tables: TableName[] = [];
    for (const layer of await storage.folders(root))
      for (const folder of await storage.folders(joinPath(root, layer))) {
        try {
          tables.push(parseTableName(`${layer}.${folder}`));
        } catch {
          continue; // not a table's folder
        }
      }
    return tables;
  }

  private async summaries(): Promise<TableSummary[]> {
    const summaries: TableSummary[] = [];
    for (const table of await this.tableFolders()) {
      const snapshot = await this.latest(table);
      if (snapshot) summaries.push(summaryOf(table, snapshot));
    }
    return summaries;
  }
}
