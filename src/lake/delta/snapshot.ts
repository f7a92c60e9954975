import { LakehouseError } from '../../engine/errors';
import type { AddFile, Commit, Metadata, Protocol, RemoveFile } from './actions';
import type { CheckpointActions } from './checkpoint';
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
  /** Live data files by their log path. */
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
    for (const remove of commit.removes) {
      state.files.delete(remove.path);
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

/** Refuse tables that need a newer reader than this one (column mapping, deletion vectors, …). */
export function checkReadable(snapshot: Snapshot, table: string): void {
  if (snapshot.protocol.minReaderVersion > 1) {
    throw new LakehouseError(
      'UnsupportedProtocol',
      `${table} needs a Delta reader of version ${snapshot.protocol.minReaderVersion}; this app reads version 1 tables. ` +
        'Rewrite it without column mapping or deletion vectors to open it here.',
      { table, minReaderVersion: snapshot.protocol.minReaderVersion },
    );
  }
}

/** Refuse to write tables whose writer version asks for features this writer does not keep. */
export function checkWritable(snapshot: Snapshot, table: string): void {
  checkReadable(snapshot, table);
  if (snapshot.protocol.minWriterVersion > 2) {
    throw new LakehouseError(
      'UnsupportedProtocol',
      `${table} needs a Delta writer of version ${snapshot.protocol.minWriterVersion}; this app writes version 2 tables, ` +
        'so it only reads this one.',
      { table, minWriterVersion: snapshot.protocol.minWriterVersion },
    );
  }
}
