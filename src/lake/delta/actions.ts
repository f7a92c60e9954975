/**
 * The actions of the Delta Lake transaction log (protocol reader 1 / writer 2), as they appear in
 * `_delta_log/NNNNNNNNNNNNNNNNNNNN.json`, one JSON object per line.
 */

/** Which readers and writers may open the table. */
export interface Protocol {
  minReaderVersion: number;
  minWriterVersion: number;
}

/** The table's identity, schema and partitioning. */
export interface Metadata {
  id: string;
  name?: string | null;
  description?: string | null;
  format: { provider: string; options: Record<string, string> };
  /** The schema as Spark's JSON struct type. */
  schemaString: string;
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

/** Parse newline-delimited actions; unknown action kinds (e.g. `cdc`) are ignored. */
export function parseCommit(version: number, text: string, fileModified: number): Commit {
  const commit: Commit = { version, adds: [], removes: [], txns: [], timestamp: fileModified };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const action = JSON.parse(line) as Record<string, unknown>;
    if ('add' in action) commit.adds.push(action.add as AddFile);
    else if ('remove' in action) commit.removes.push(action.remove as RemoveFile);
    else if ('metaData' in action) commit.metaData = action.metaData as Metadata;
    else if ('protocol' in action) commit.protocol = action.protocol as Protocol;
    else if ('txn' in action) commit.txns.push(action.txn as Txn);
    else if ('commitInfo' in action) commit.commitInfo = action.commitInfo as CommitInfo;
  }
  if (typeof commit.commitInfo?.timestamp === 'number') commit.timestamp = commit.commitInfo.timestamp;
  return commit;
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
