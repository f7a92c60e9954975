import type { ParquetCodec } from '../../engine/parquet-codec';
import { LakehouseError } from '../../engine/errors';
import { checkReadable, type Snapshot } from '../delta/snapshot';
import { Snapshots } from '../delta/snapshots';
import { resolveTablePath } from '../read/table-paths';
import type { StreamingStorage } from '../storage/streaming';
import { joinPath } from '../storage/types';
import { copyEntry } from './copy-entry';
import { EXTERNAL_LAYER } from './external-names';
import { deltaRoots, isJunkPath, type InputEntry } from './input-entries';
import { openRefused } from './open-refused';
import { cleanStaleOpenings, newOpeningFolder, moveInto } from './staging';

/** What was opened. */
export interface OpenedTable {
  /** `external.<name>`. */
  table: string;
  version: number;
  /** Files copied (data, log, deletion vectors, whatever the folder held). */
  files: number;
  bytes: number;
}

export interface OpenDeltaOptions {
  /** The folder or zip as the user named it, for messages. */
  source: string;
  /** The table's own name (without `external.`), checked and free. */
  name: string;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Open the one Delta table a folder or zip holds as `external.<name>`: its files are copied into a
 * staging folder, its log is read and checked there (a log, a protocol this reader implements, the
 * latest version's data files present), and only then moved under `tables/external/<name>/`, data
 * files first and the log last. A refusal leaves nothing behind.
 */
export async function openDeltaTable(
  storage: StreamingStorage,
  parquet: ParquetCodec,
  entries: InputEntry[],
  options: OpenDeltaOptions,
): Promise<OpenedTable> {
  const { source } = options;
  const table = `${EXTERNAL_LAYER}.${options.name}`;
  const kept = entries.filter((e) => !isJunkPath(e.path) && !e.path.endsWith('/'));
  const roots = deltaRoots(kept.map((e) => e.path));
  if (roots.length === 0)
    throw openRefused(
      source,
      'it holds no Delta table: there is no _delta_log folder in it (a Delta table is a folder of Parquet files with a _delta_log folder beside them)',
      'NotADeltaTable',
    );
  if (roots.length > 1)
    throw openRefused(
      source,
      `it holds ${roots.length} Delta tables (${roots.map((r) => `${r || '.'}/`).join(', ')}); open one at a time`,
      'SeveralDeltaTables',
    );
  const prefix = roots[0] === '' ? '' : `${roots[0]}/`;
  const files = kept.filter((e) => e.path.startsWith(prefix));
  const total = files.reduce((sum, e) => sum + e.size, 0);

  await cleanStaleOpenings(storage);
  const staging = newOpeningFolder();
  try {
    let done = 0;
    for (const entry of files) {
      const problem = await copyEntry(
        storage,
        entry,
        joinPath(staging, entry.path.slice(prefix.length)),
        (n) => {
          done += n;
          options.onProgress?.(done, total);
        },
      );
      if (problem) throw openRefused(source, `it is damaged: ${problem}`, 'DamagedInput');
    }
    const snapshot = await checkedSnapshot(storage, parquet, staging, source, table);
    const target = joinPath('tables', EXTERNAL_LAYER, options.name);
    if ((await storage.list(target)).length > 0)
      throw openRefused(source, `${table} already exists; choose another name`, 'TableExists');
    await moveInto(storage, staging, target);
    return { table, version: snapshot.version, files: files.length, bytes: total };
  } finally {
    await storage.deleteFolder(staging);
  }
}

/** The latest snapshot of the staged table, or a refusal saying why it cannot be opened. */
async function checkedSnapshot(
  storage: StreamingStorage,
  parquet: ParquetCodec,
  folder: string,
  source: string,
  table: string,
): Promise<Snapshot> {
  let snapshot: Snapshot | null;
  try {
    snapshot = await new Snapshots(storage, parquet).latest(folder);
    if (snapshot) checkReadable(snapshot, table);
  } catch (error) {
    if (error instanceof LakehouseError)
      throw openRefused(source, error.message.replace(/\.$/, ''), error.name, error.detail);
    throw error;
  }
  if (!snapshot)
    throw openRefused(
      source,
      'its _delta_log folder holds no commit (no 00000000000000000000.json, no checkpoint), so it is no Delta table yet',
      'NotADeltaTable',
    );
  for (const add of snapshot.files.values()) {
    const path = await resolveTablePath(storage, folder, add.path);
    if (!(await storage.stat(path)))
      throw openRefused(
        source,
        `version ${snapshot.version} of ${table} reads the data file ${path.slice(folder.length + 1)}, which is not in it (copy the whole table folder)`,
        'DataFileMissing',
        { path },
      );
  }
  return snapshot;
}
