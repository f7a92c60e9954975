/**
 * What the transaction-log explorer reads from a table's `_delta_log`: its versions, the actions of
 * one version, and every data file the log knows with its stats and when it was live.
 */

/** One version of a table as the timeline shows it. */
export interface TimelineEntry {
  version: number;
  /** Commit time, as DESCRIBE HISTORY shows it (UTC). */
  timestamp: string;
  operation: string;
  operationParameters: Record<string, unknown>;
  /** commitInfo.operationMetrics as numbers (Delta writes them as integer strings). */
  operationMetrics: Record<string, number>;
  filesAdded: number;
  filesRemoved: number;
  bytesAdded: number;
  /** Rows of the added files by their stats; null when a file has no stats. */
  rowsAdded: number | null;
  /** Rows of the removed files, known from the add that brought each in; null when one is unknown. */
  rowsRemoved: number | null;
  /** False when every add and remove has dataChange false (OPTIMIZE: same rows, new files). */
  dataChange: boolean;
  /** Whether the version sets the protocol or the table's metadata (schema, partitioning). */
  changesMetadata: boolean;
}

/** The actions of one commit file, in order, with the file's text. */
export interface CommitActions {
  version: number;
  /** The commit file as written: newline-delimited JSON. */
  raw: string;
  /** Each line parsed, in order (`{"add": {…}}`, `{"commitInfo": {…}}`, …). */
  actions: Record<string, unknown>[];
}

/** A half-open range of versions [from, to) in which a file was live; `to` null while it still is. */
export interface LiveSpan {
  /** null when the file was added before the oldest commit still in the log (a checkpoint holds it). */
  from: number | null;
  to: number | null;
}

/** A data file the log knows, with its stats and the versions it was live in. */
export interface FileRecord {
  /** Relative to the table folder, decoded (as in storage). */
  path: string;
  size: number;
  numRecords: number | null;
  partitionValues: Record<string, string | null>;
  /** Per-column statistics of top-level columns (values as the log writes them). */
  minValues: Record<string, unknown>;
  maxValues: Record<string, unknown>;
  nullCount: Record<string, unknown>;
  /** When the file was live; a RESTORE that adds a removed file back opens a second span. */
  live: LiveSpan[];
  /** Whether the file is still in storage (VACUUM deletes files no retained version reads). */
  present: boolean;
}

/** Every data file of a table's log, with the versions the log covers. */
export interface FileHistory {
  table: string;
  latestVersion: number;
  /** The columns of the latest schema with their Delta type (`string`, `long`, `date`, …). */
  columns: { name: string; type: string }[];
  partitionColumns: string[];
  files: FileRecord[];
}

/** Which live files of a version a scan with this predicate reads, and which it skips by their stats. */
export interface SkippingPlan {
  version: number;
  predicate: string;
  read: string[];
  skipped: string[];
}
