import type { ParquetCodec } from '../engine/parquet-codec';
import type { SqlEngine } from '../engine/types';
import { DeltaLog } from './delta/log';
import type { Snapshots } from './delta/snapshots';
import type { TableLocks } from './locks/table-locks';
import { tableFolder, type TableName } from './names';
import type { TableCache } from './read/table-cache';
import type { Storage } from './storage/types';

/** Everything the lake's operations share. */
export interface LakeContext {
  engine: SqlEngine;
  parquet: ParquetCodec;
  storage: Storage;
  locks: TableLocks;
  clock: () => number;
  /** Storage folder holding `<layer>/<name>/` table folders. */
  root: string;
  snapshots: Snapshots;
  cache: TableCache;
}

/** The storage folder of a table. */
export function folderOf(context: LakeContext, table: TableName): string {
  return tableFolder(context.root, table);
}

/** The Delta log of a table. */
export function logOf(context: LakeContext, table: TableName): DeltaLog {
  return new DeltaLog(context.storage, folderOf(context, table));
}

/**
 * Lock over the whole lake: every write holds it shared from its read to its commit (and VACUUM
 * while it deletes); whatever replaces or deletes tables wholesale (reset, import) holds it
 * exclusive (`Lake.exclusively`). Taken before a table's locks, never while holding one.
 */
export const LAKE_LOCK = 'pocket-lakehouse:lake';

/** Lock held while a table's log gets its next version. */
export function commitLockName(folder: string): string {
  return `pocket-lakehouse:${folder}:commit`;
}

/**
 * Lock over a table's data files: writers hold it shared from their first data file to their
 * commit; VACUUM holds it exclusive, so every file it finds unreferenced belongs to no write in flight.
 */
export function filesLockName(folder: string): string {
  return `pocket-lakehouse:${folder}:files`;
}
