import type { QueryResult, SqlValue } from '../engine/types';
import type {
  CommitResult,
  DataFileInfo,
  HistoryEntry,
  ScanReport,
  TableSummary,
  VacuumResult,
  WriteOptions,
} from '../lake/lake-api';
import type { CommitActions, FileHistory, SkippingPlan, TimelineEntry } from '../lake/explore/explore-types';
import { runLakeSql } from '../lake/sql/run-sql';
import type { WithDeps } from './service-deps';
import { runReadQuery } from './read-query';

/** Interactive: runs between two models of a pipeline run instead of after the whole run. */
const INTERACTIVE = { interactive: true } as const;

/** The lake as the UI sees it: the SQL console with Delta's statements, and the table browser's calls. */
export function createLakeService(withDeps: WithDeps) {
  return {
    /**
     * Run SQL typed by a user: DuckDB SQL over `layer.name` tables, plus time travel
     * (`VERSION AS OF`, `TIMESTAMP AS OF`), DESCRIBE HISTORY, RESTORE, OPTIMIZE and VACUUM.
     * The result carries at most `limit` rows.
     */
    sql(query: string, limit = 10_000): Promise<QueryResult> {
      return withDeps(({ lake, engine }) => runLakeSql(lake, engine, query, limit), INTERACTIVE);
    },

    /**
     * Run one SELECT a screen built, its values bound to the `?` in it (never spliced into the
     * text); lake tables and their `VERSION AS OF` load as in the console. For the charts' queries.
     */
    query(query: string, params: SqlValue[] = [], limit = 10_000): Promise<QueryResult> {
      return withDeps(({ lake, engine }) => runReadQuery(lake, engine, query, params, limit), INTERACTIVE);
    },

    /** Every table with its version, files, size and rows. */
    listTables(): Promise<TableSummary[]> {
      return withDeps(({ lake }) => lake.listTables(), INTERACTIVE);
    },

    /** The latest version of a table, or -1 when it does not exist. */
    latestVersion(table: string): Promise<number> {
      return withDeps(({ lake }) => lake.latestVersion(table), INTERACTIVE);
    },

    /** DESCRIBE HISTORY, newest first. */
    history(table: string): Promise<HistoryEntry[]> {
      return withDeps(({ lake }) => lake.history(table), INTERACTIVE);
    },

    /** Live data files of a version (the latest when none is given). */
    files(table: string, version?: number): Promise<DataFileInfo[]> {
      return withDeps(
        ({ lake }) => lake.files(table, version === undefined ? undefined : { version }),
        INTERACTIVE,
      );
    },

    /** RESTORE TABLE … TO VERSION AS OF `version`: a new commit. */
    restore(table: string, version: number): Promise<CommitResult> {
      return withDeps(({ lake }) => lake.restore(table, { version }));
    },

    /** OPTIMIZE, optionally ZORDER BY the columns. */
    optimize(table: string, zorderBy: string[] = [], targetFileBytes?: number): Promise<CommitResult> {
      return withDeps(({ lake }) => lake.optimize(table, { zorderBy, targetFileBytes }));
    },

    /** VACUUM … RETAIN `retainHours` HOURS [DRY RUN]; under 168 hours only with `force`. */
    vacuum(table: string, retainHours = 168, dryRun = false, force = false): Promise<VacuumResult> {
      return withDeps(({ lake }) => lake.vacuum(table, { retainHours, dryRun, force }));
    },

    /** Commit a query's rows to a table (append, overwrite, replaceWhere). */
    write(table: string, options: WriteOptions): Promise<CommitResult> {
      return withDeps(({ lake }) => lake.write(table, options));
    },

    /** Load the rows of a version matching a predicate into `into`, reading only files whose stats can match. */
    scan(table: string, predicate: string, into: string): Promise<ScanReport> {
      return withDeps(({ lake }) => lake.scan(table, predicate, into));
    },

    /** The transaction-log explorer: every version of a table, oldest first. */
    timeline(table: string): Promise<TimelineEntry[]> {
      return withDeps(({ lake }) => lake.timeline(table), INTERACTIVE);
    },

    /** The actions of one version, parsed, with the commit file's raw JSON. */
    commitActions(table: string, version: number): Promise<CommitActions> {
      return withDeps(({ lake }) => lake.commitActions(table, version), INTERACTIVE);
    },

    /** Every data file of a table's log with its stats and live versions (the explorer's boxes). */
    fileHistory(table: string): Promise<FileHistory> {
      return withDeps(({ lake }) => lake.fileHistory(table), INTERACTIVE);
    },

    /** Which files of a version (the latest by default) a filter reads and which data skipping skips. */
    explainScan(table: string, predicate: string, version?: number): Promise<SkippingPlan> {
      return withDeps(
        ({ lake }) => lake.explainScan(table, predicate, version === undefined ? undefined : { version }),
        INTERACTIVE,
      );
    },

    /** Delete one table with its history (the walkthrough's "Reset this step"). */
    dropTable(table: string): Promise<void> {
      return withDeps(({ lake }) => lake.dropTable(table));
    },
  };
}
