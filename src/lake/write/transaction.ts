import { LakehouseError } from '../../engine/errors';
import type { Action, AddFile, Commit, Metadata, Protocol, RemoveFile } from '../delta/actions';
import { checkpointFileName } from '../delta/actions';
import { writeCheckpoint } from '../delta/checkpoint';
import type { DeltaLog } from '../delta/log';
import { checkConflict, type ConflictScope } from '../delta/conflicts';
import { replay, type Snapshot } from '../delta/snapshot';
import { stampOf } from '../delta/snapshots';
import { commitLockName, filesLockName, folderOf, LAKE_LOCK, logOf, type LakeContext } from '../context';
import type { CommitResult } from '../lake-api';
import type { TableName } from '../names';
import type { WrittenFiles } from './data-writer';

/** What a transaction wants to commit, and what it read. */
export interface CommitRequest {
  table: TableName;
  /** The snapshot the transaction read; null when it creates the table. */
  read: Snapshot | null;
  operation: string;
  operationParameters: Record<string, unknown>;
  metrics: Record<string, number>;
  adds: AddFile[];
  removes: RemoveFile[];
  metadata?: Metadata;
  protocol?: Protocol;
  txn?: { appId: string; version: number };
  scope: Pick<ConflictScope, 'isBlindAppend' | 'readPredicate' | 'prune' | 'readFiles'>;
  commitInfoExtra?: Record<string, unknown>;
  /** Data files written for this commit (deleted again when it fails). */
  written: WrittenFiles | null;
  /** ms the operation took before writing data files (snapshot, schema, loaded copy), for its timings. */
  planMs?: number;
}

/** Engine name recorded in commitInfo. */
export const ENGINE_INFO = 'pocket-lakehouse/0.1.0 (DuckDB-WASM, parquet-wasm)';

/** Commit every this many versions a checkpoint is written. */
export const CHECKPOINT_INTERVAL = 10;

/**
 * Run a write while holding the lake lock shared (so a reset waits for it) and the table's files
 * lock shared (so VACUUM never takes its files). Never nested: a write holds them once.
 */
export function withWriteLock<T>(context: LakeContext, table: TableName, job: () => Promise<T>): Promise<T> {
  return context.locks.run(LAKE_LOCK, 'shared', () =>
    context.locks.run(filesLockName(folderOf(context, table)), 'shared', job),
  );
}

/**
 * Commit optimistically: take the table's commit lock, check every version committed since the
 * read version against what this transaction read and removed, then write the next version with
 * put-if-absent. Data files were written before; the log entry is the last thing written.
 */
export async function commitTransaction(context: LakeContext, request: CommitRequest): Promise<CommitResult> {
  const started = performance.now();
  const folder = folderOf(context, request.table);
  let outcome: Outcome;
  try {
    outcome = await context.locks.run(commitLockName(folder), 'exclusive', () =>
      writeNextVersion(context, request),
    );
  } catch (error) {
    await discardWritten(context, request.written);
    throw error;
  }
  if (outcome.kind === 'skipped') {
    await discardWritten(context, request.written);
    return {
      table: request.table.full,
      version: outcome.version,
      skipped: true,
      operation: request.operation,
      metrics: {},
    };
  }
  // Committed: from here on nothing may undo it; what follows only keeps caches and checkpoints current.
  const commitMs = performance.now() - started;
  const cacheStarted = performance.now();
  let checkpointMs = 0;
  try {
    const after = await snapshotAfter(context, request, outcome.version, outcome.commit);
    context.snapshots.remember(after);
    await context.cache.applyOwnCommit(
      request.table,
      request.read,
      after,
      request.removes.map((r) => r.path),
      request.written?.rows ?? null,
    );
    if (outcome.version > 0 && outcome.version % CHECKPOINT_INTERVAL === 0) {
      const checkpointStarted = performance.now();
      await checkpoint(context, after).catch((error: unknown) => {
        // A missing checkpoint only makes the next open replay more commits.
        console.warn(`No checkpoint for ${request.table.full} version ${outcome.version}:`, error);
      });
      checkpointMs = performance.now() - checkpointStarted;
    }
  } catch (error) {
    // The loaded copy was dropped (applyOwnCommit does so on failure); the next read loads the version afresh.
    context.snapshots.forget(folder);
    console.warn(
      `${request.table.full} version ${outcome.version} committed; its loaded copy will be reloaded:`,
      error,
    );
  }
  const cacheMs = performance.now() - cacheStarted - checkpointMs;
  const dropStarted = performance.now();
  await dropWrittenRows(context, request.written);
  return {
    table: request.table.full,
    version: outcome.version,
    operation: request.operation,
    metrics: request.metrics,
    timings: {
      ...(request.planMs !== undefined ? { planMs: request.planMs } : {}),
      ...request.written?.timings,
      commitMs,
      cacheMs,
      checkpointMs,
      dropMs: performance.now() - dropStarted,
    },
  };
}

type Outcome = { kind: 'committed'; version: number; commit: Commit } | { kind: 'skipped'; version: number };

async function writeNextVersion(context: LakeContext, request: CommitRequest): Promise<Outcome> {
  const log = logOf(context, request.table);
  const scope: ConflictScope = {
    ...request.scope,
    table: request.table.full,
    operation: request.operation,
    removes: request.removes,
    creates: request.read === null,
    changesMetadata: request.metadata !== undefined,
    txn: request.txn,
  };
  if (request.read) await checkReadVersion(log, request, request.read);
  let version = (request.read?.version ?? -1) + 1;
  let lastTimestamp = request.read?.timestamp ?? 0;
  let metadata = request.metadata;
  let protocol = request.protocol;
  for (;;) {
    for (let stat = await log.statCommit(version); stat; stat = await log.statCommit(version)) {
      const winner = await log.readCommit(version, stat);
      const outcome = checkConflict(scope, winner);
      if (outcome === 'txn-already-committed')
        return { kind: 'skipped', version: await latestFrom(log, version) };
      if (outcome === 'table-created-concurrently') {
        if (!sameShape(metadata, winner.metaData)) throw createdDifferently(request, winner);
        metadata = undefined;
        protocol = undefined;
        scope.creates = false;
        scope.changesMetadata = false;
      }
      lastTimestamp = winner.timestamp;
      version++;
    }
    const timestamp = Math.max(context.clock(), lastTimestamp + 1);
    const actions = buildActions(request, { timestamp, metadata, protocol });
    if (await log.writeCommit(version, actions)) {
      const commit: Commit = {
        version,
        protocol,
        metaData: metadata,
        adds: request.adds,
        removes: actions.flatMap((a) => ('remove' in a ? [a.remove] : [])),
        txns: request.txn ? [{ ...request.txn, lastUpdated: timestamp }] : [],
        commitInfo: (actions[0] as { commitInfo: Commit['commitInfo'] }).commitInfo,
        timestamp,
      };
      return { kind: 'committed', version, commit };
    }
  }
}

/**
 * The version a transaction read must still be in the log, as it was: a table deleted under it (a
 * reset in another tab) or deleted and created again must not get a next version on top.
 */
async function checkReadVersion(log: DeltaLog, request: CommitRequest, read: Snapshot): Promise<void> {
  const stat = await log.statCommit(read.version);
  if (stat && (read.stamp === '' || stampOf(stat) === read.stamp)) return;
  throw new LakehouseError(
    'TableDeletedConcurrently',
    `${request.table.full} was deleted or replaced while this ${request.operation} ran (its version ${read.version}, ` +
      `which the ${request.operation} read, is gone: was the lakehouse reset in another tab?). Nothing was committed; ` +
      `run the ${request.operation} again.`,
    { table: request.table.full, readVersion: read.version },
  );
}

async function latestFrom(log: ReturnType<typeof logOf>, version: number): Promise<number> {
  let latest = version;
  while (await log.statCommit(latest + 1)) latest++;
  return latest;
}

function buildActions(
  request: CommitRequest,
  extra: { timestamp: number; metadata?: Metadata; protocol?: Protocol },
): Action[] {
  const actions: Action[] = [
    {
      commitInfo: {
        timestamp: extra.timestamp,
        operation: request.operation,
        operationParameters: Object.fromEntries(
          Object.entries(request.operationParameters).map(([k, v]) => [
            k,
            typeof v === 'string' ? v : JSON.stringify(v),
          ]),
        ),
        ...(request.read ? { readVersion: request.read.version } : {}),
        isolationLevel: 'WriteSerializable',
        isBlindAppend: request.scope.isBlindAppend,
        operationMetrics: Object.fromEntries(Object.entries(request.metrics).map(([k, v]) => [k, String(v)])),
        engineInfo: ENGINE_INFO,
        txnId: crypto.randomUUID(),
        ...request.commitInfoExtra,
      },
    },
  ];
  if (extra.protocol) actions.push({ protocol: extra.protocol });
  if (extra.metadata) actions.push({ metaData: extra.metadata });
  if (request.txn) actions.push({ txn: { ...request.txn, lastUpdated: extra.timestamp } });
  for (const remove of request.removes)
    actions.push({ remove: { ...remove, deletionTimestamp: extra.timestamp } });
  for (const add of request.adds) actions.push({ add });
  return actions;
}

async function snapshotAfter(
  context: LakeContext,
  request: CommitRequest,
  version: number,
  commit: Commit,
): Promise<Snapshot> {
  const folder = folderOf(context, request.table);
  const log = logOf(context, request.table);
  const stat = await log.statCommit(version);
  if (request.read && request.read.version === version - 1) {
    return replay(folder, request.read, [commit], {
      version,
      timestamp: commit.timestamp,
      stamp: stat ? stampOf(stat) : '',
    });
  }
  if (!request.read && version === 0) {
    return replay(folder, null, [commit], {
      version,
      timestamp: commit.timestamp,
      stamp: stat ? stampOf(stat) : '',
    });
  }
  return context.snapshots.at(folder, version);
}

/** Write a Parquet checkpoint of `snapshot` and point `_last_checkpoint` at it. */
export async function checkpoint(context: LakeContext, snapshot: Snapshot): Promise<void> {
  const deltaLog = context.snapshots.log(snapshot.folder);
  const retentionStart = context.clock() - 168 * 3600_000;
  const { bytes, rows } = await writeCheckpoint(context.parquet, {
    protocol: snapshot.protocol,
    metaData: snapshot.metadata,
    adds: [...snapshot.files.values()],
    removes: [...snapshot.tombstones.values()].filter((r) => (r.deletionTimestamp ?? 0) > retentionStart),
    txns: [...snapshot.txns].map(([appId, version]) => ({ appId, version })),
  });
  await context.storage.write(deltaLog.path(checkpointFileName(snapshot.version)), bytes);
  await deltaLog.writeLastCheckpoint({ version: snapshot.version, size: rows });
}

function sameShape(ours: Metadata | undefined, theirs: Metadata | undefined): boolean {
  return (
    !!ours &&
    !!theirs &&
    ours.schemaString === theirs.schemaString &&
    ours.partitionColumns.join(',') === theirs.partitionColumns.join(',')
  );
}

function createdDifferently(request: CommitRequest, winner: Commit): LakehouseError {
  return new LakehouseError(
    'MetadataChangedException',
    `${request.table.full} was created at the same time by another writer with a different schema or ` +
      `partitioning (version ${winner.version}, ${winner.commitInfo?.operation ?? 'an unknown operation'}). ` +
      `Nothing was committed; check the table's schema, then run the ${request.operation} again.`,
    { table: request.table.full, winningVersion: winner.version },
  );
}

/** Delete the data files of a transaction that did not commit; they belong to no version. */
async function discardWritten(context: LakeContext, written: WrittenFiles | null): Promise<void> {
  if (!written) return;
  for (const path of written.storagePaths) await context.storage.delete(path).catch(() => {});
  await dropWrittenRows(context, written);
}

async function dropWrittenRows(context: LakeContext, written: WrittenFiles | null): Promise<void> {
  for (const table of written?.rows.tables ?? [])
    await context.engine.exec(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
}
