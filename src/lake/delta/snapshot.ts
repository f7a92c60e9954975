import { LakehouseError } from '../../engine/errors';
import { fileKey, type AddFile, type Commit, type Metadata, type Protocol, type RemoveFile } from './actions';
import type { CheckpointActions } from './checkpoint';
import { checkReadable as checkReaderProtocol, unwritableFeatures } from './features';
import { parseSchema, type SparkField } from './schema';

/** The state of a table at one version: what a reader needs. */
export interface Snapshot {
  /** The table folder in storage. */
  folder: string;
  version: number;
  /** When this version was committed (epoch ms). */
  timestamp: number;
  protocol: Protocol;
  metadata: Metadata;
  schema: SparkField[];
  /** Live data files by their log path (a path is live at most once, whatever its deletion vector). */
  files: Map<string, AddFile>;
  /** Removed files by log path, until VACUUM forgets them. */
  tombstones: Map<string, RemoveFile>;
  /** The latest `txn` version of each application id. */
  txns: Map<string, number>;
  /** Size and time of this version's commit file, to notice a table that was deleted and re-created. */
  stamp: string;
}

/** Mutable state while replaying. */
interface ReplayState {
  protocol?: Protocol;
  metadata?: Metadata;
  files: Map<string, AddFile>;
  tombstones: Map<string, RemoveFile>;
  txns: Map<string, number>;
}

/** Replay commits on top of a snapshot or a checkpoint (or nothing, from version 0). */
export function replay(
  folder: string,
  base: Snapshot | CheckpointActions | null,
  commits: Commit[],
  target: { version: number; timestamp: number; stamp: string },
): Snapshot {
  const state: ReplayState = baseState(base);
  for (const commit of commits) {
    if (commit.protocol) state.protocol = commit.protocol;
    if (commit.metaData) state.metadata = commit.metaData;
    // A remove names a logical file, (path, deletion vector): it removes the live file only when
    // that is the one it names. Removes go first, so a commit that replaces a file's deletion
    // vector (remove the old pair, add the new) leaves the new one whatever the order of its lines.
    for (const remove of commit.removes) {
      const live = state.files.get(remove.path);
      if (live && fileKey(live) === fileKey(remove)) state.files.delete(remove.path);
      state.tombstones.set(remove.path, remove);
    }
    for (const add of commit.adds) {
      state.files.set(add.path, add);
      state.tombstones.delete(add.path);
    }
    for (const txn of commit.txns) state.txns.set(txn.appId, txn.version);
  }
  if (!state.protocol || !state.metadata) {
    throw new LakehouseError(
      'CorruptLog',
      `The Delta log in ${folder} has no ${state.protocol ? 'metaData' : 'protocol'} action up to version ${target.version}`,
      { folder, version: target.version },
    );
  }
  return {
    folder,
    ...target,
    protocol: state.protocol,
    metadata: state.metadata,
    schema: parseSchema(state.metadata.schemaString),
    files: state.files,
    tombstones: state.tombstones,
    txns: state.txns,
  };
}

function baseState(base: Snapshot | CheckpointActions | null): ReplayState {
  if (!base) return { files: new Map(), tombstones: new Map(), txns: new Map() };
  if ('files' in base) {
    return {
      protocol: base.protocol,
      metadata: base.metadata,
      files: new Map(base.files),
      tombstones: new Map(base.tombstones),
      txns: new Map(base.txns),
    };
  }
  return {
    protocol: base.protocol,
    metadata: base.metaData,
    files: new Map(base.adds.map((add) => [add.path, add])),
    tombstones: new Map(base.removes.map((remove) => [remove.path, remove])),
    txns: new Map(base.txns.map((txn) => [txn.appId, txn.version])),
  };
}

/** Refuse table versions that need a reader version or reader feature this reader lacks. */
export function checkReadable(snapshot: Snapshot, table: string): void {
  checkReaderProtocol(snapshot.protocol, table);
}

/**
 * Refuse to write tables whose protocol asks for writer features this writer does not keep
 * (deletion vectors, column mapping, change data feed, …): writing them here would leave a table
 * that other engines read wrong. Reading them is fine.
 */
export function checkWritable(snapshot: Snapshot, table: string): void {
  checkReadable(snapshot, table);
  const unkept = unwritableFeatures(snapshot.protocol, snapshot.metadata);
  if (unkept.length > 0) {
    throw new LakehouseError(
      'UnsupportedProtocol',
      `${table} uses Delta writer features this app does not write (${unkept.join(', ')}; writer version ` +
        `${snapshot.protocol.minWriterVersion}), so it only reads this table: a write here could leave it wrong for ` +
        `other engines. To change the data, copy it first: CREATE TABLE ${table}_copy AS SELECT * FROM ${table}.`,
      { table, minWriterVersion: snapshot.protocol.minWriterVersion, features: unkept },
    );
  }
}
