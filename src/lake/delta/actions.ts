/**
 * The actions of the Delta Lake transaction log, as they appear in
 * `_delta_log/NNNNNNNNNNNNNNNNNNNN.json`, one JSON object per line.
 */
import { LakehouseError } from '../../engine/errors';
import { deletionVectorId, type DeletionVectorDescriptor } from './deletion-vector';

/** Which readers and writers may open the table (table features from reader 3 / writer 7 on). */
export interface Protocol {
  minReaderVersion: number;
  minWriterVersion: number;
  readerFeatures?: string[] | null;
  writerFeatures?: string[] | null;
}

/** The table's identity, schema and partitioning. */
export interface Metadata {
  id: string;
  name?: string | null;
  description?: string | null;
  format: { provider: string; options: Record<string, string> };
  /** The schema as Spark's JSON struct type (absent in Delta Live Tables' first commit). */
  schemaString?: string | null;
  partitionColumns: string[];
  configuration: Record<string, string>;
  createdTime?: number | null;
}

/** A data file that became part of the table. */
export interface AddFile {
  /** Relative to the table folder, URI-encoded. */
  path: string;
  partitionValues: Record<string, string | null>;
  size: number;
  modificationTime: number;
  dataChange: boolean;
  /** JSON text: numRecords, minValues, maxValues, nullCount. */
  stats?: string | null;
  tags?: Record<string, string> | null;
  /** Rows of the file that are deleted (soft-deleted: still in the Parquet file). */
  deletionVector?: DeletionVectorDescriptor | null;
}

/** A data file that stopped being part of the table (a tombstone until VACUUM). */
export interface RemoveFile {
  path: string;
  deletionTimestamp?: number | null;
  dataChange: boolean;
  extendedFileMetadata?: boolean | null;
  partitionValues?: Record<string, string | null> | null;
  size?: number | null;
  tags?: Record<string, string> | null;
  deletionVector?: DeletionVectorDescriptor | null;
}

/** The identity of a logical file: its path plus the unique id of its deletion vector, if any. */
export function fileKey(file: { path: string; deletionVector?: DeletionVectorDescriptor | null }): string {
  return file.deletionVector ? `${file.path}\u0000${deletionVectorId(file.deletionVector)}` : file.path;
}

/** An application's transaction marker, used for idempotent writes. */
export interface Txn {
  appId: string;
  version: number;
  lastUpdated?: number | null;
}

/** What a commit did; free-form in the protocol, the fields below are the ones Delta writes. */
export interface CommitInfo {
  timestamp?: number;
  operation?: string;
  operationParameters?: Record<string, unknown>;
  operationMetrics?: Record<string, unknown>;
  readVersion?: number;
  isolationLevel?: string;
  isBlindAppend?: boolean;
  engineInfo?: string;
  txnId?: string;
  /** Set by writers with the In-Commit Timestamps feature: the commit time readers should use. */
  inCommitTimestamp?: number;
  [extra: string]: unknown;
}

/** One line of a commit file. */
export type Action =
  | { protocol: Protocol }
  | { metaData: Metadata }
  | { add: AddFile }
  | { remove: RemoveFile }
  | { txn: Txn }
  | { commitInfo: CommitInfo };

/** The actions of one commit, grouped by kind. */
export interface Commit {
  version: number;
  protocol?: Protocol;
  metaData?: Metadata;
  adds: AddFile[];
  removes: RemoveFile[];
  txns: Txn[];
  commitInfo?: CommitInfo;
  /** commitInfo.timestamp, or the commit file's modification time when it has none. */
  timestamp: number;
}

/** File name of a commit: the version as 20 digits. */
export function commitFileName(version: number): string {
  return `${String(version).padStart(20, '0')}.json`;
}

/** File name of a single-part checkpoint. */
export function checkpointFileName(version: number): string {
  return `${String(version).padStart(20, '0')}.checkpoint.parquet`;
}

/**
 * Parse newline-delimited actions (of a commit file, or of a JSON checkpoint when `file` says so).
 * Actions this reader does not use (`cdc`, `domainMetadata`, and any the protocol adds later) are
 * ignored, as the protocol says unrecognised actions must be; a line that is not JSON is a
 * `CorruptLog` naming the file and the line.
 */
export function parseCommit(version: number, text: string, fileModified: number, file?: string): Commit {
  const commit: Commit = { version, adds: [], removes: [], txns: [], timestamp: fileModified };
  for (const action of parseActionLines(text, file ?? commitFileName(version))) {
    if ('add' in action) commit.adds.push(action.add as AddFile);
    else if ('remove' in action) commit.removes.push(action.remove as RemoveFile);
    else if ('metaData' in action) commit.metaData = action.metaData as Metadata;
    else if ('protocol' in action) commit.protocol = action.protocol as Protocol;
    else if ('txn' in action) commit.txns.push(action.txn as Txn);
    else if ('commitInfo' in action) commit.commitInfo = action.commitInfo as CommitInfo;
  }
  const info = commit.commitInfo;
  if (typeof info?.inCommitTimestamp === 'number') commit.timestamp = info.inCommitTimestamp;
  else if (typeof info?.timestamp === 'number') commit.timestamp = info.timestamp;
  return commit;
}

/** The JSON objects of a newline-delimited log file, in order. */
export function parseActionLines(text: string, file: string): Record<string, unknown>[] {
  const actions: Record<string, unknown>[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let action: unknown;
    try {
      action = JSON.parse(line);
    } catch {
      // The JSON parser's own wording differs between engines; the line and its text say enough.
      const shown = line.length > 80 ? `${line.slice(0, 80)}…` : line;
      throw new LakehouseError(
        'CorruptLog',
        `Line ${i + 1} of the Delta log file ${file} is not JSON: ${shown}`,
        {
          file,
          line: i + 1,
        },
      );
    }
    if (action === null || typeof action !== 'object' || Array.isArray(action)) {
      throw new LakehouseError(
        'CorruptLog',
        `Line ${i + 1} of the Delta log file ${file} is not an action (a JSON object such as {"add": …})`,
        { file, line: i + 1 },
      );
    }
    actions.push(action as Record<string, unknown>);
  }
  return actions;
}

/** Serialise actions as a commit file: commitInfo first, as Spark writes it. */
export function serializeCommit(actions: Action[]): Uint8Array {
  const ordered = [
    ...actions.filter((a) => 'commitInfo' in a),
    ...actions.filter((a) => !('commitInfo' in a)),
  ];
  return new TextEncoder().encode(ordered.map((a) => JSON.stringify(a)).join('\n') + '\n');
}

/** The data file path in storage (relative to the table folder) of an add or remove action. */
export function decodeLogPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The path as written in the log: URI-encoded, as Spark does (`%` → `%25`, space → `%20`). */
export function encodeLogPath(storagePath: string): string {
  return encodeURI(storagePath);
}
