import { LakehouseError } from '../../engine/errors';
import { decodeLogPath } from '../delta/actions';
import { checkWritable } from '../delta/snapshot';
import { filesLockName, folderOf, LAKE_LOCK, logOf, type LakeContext } from '../context';
import { tableNotFound } from '../errors';
import type { VacuumResult } from '../lake-api';
import type { TableName } from '../names';
import { isTempFile } from '../storage/types';

/** Delta's default retention: files removed more than 7 days ago can go. */
export const DEFAULT_RETAIN_HOURS = 168;

/**
 * VACUUM: delete the files of the table folder that no version inside the retention window reads —
 * files removed by a commit older than the window, and files no commit ever added (left by a write
 * that was interrupted, including temporary files). It holds the table's files lock exclusively,
 * so no write is between its first data file and its commit while it looks.
 */
export function vacuum(
  context: LakeContext,
  table: TableName,
  options: { retainHours?: number; dryRun?: boolean; force?: boolean },
): Promise<VacuumResult> {
  const retainHours = options.retainHours ?? DEFAULT_RETAIN_HOURS;
  if (!Number.isFinite(retainHours) || retainHours < 0) {
    throw new LakehouseError(
      'InvalidRetention',
      `RETAIN ${retainHours} HOURS is not a retention: give 0 or more hours`,
      {
        retainHours,
      },
    );
  }
  if (retainHours < DEFAULT_RETAIN_HOURS && !options.force) {
    throw new LakehouseError(
      'RetentionTooShort',
      `VACUUM ${table.full} RETAIN ${retainHours} HOURS would delete files that time travel to the last ` +
        `${DEFAULT_RETAIN_HOURS} hours still needs. Keep at least ${DEFAULT_RETAIN_HOURS} hours, or force it ` +
        `(add FORCE: VACUUM ${table.full} RETAIN ${retainHours} HOURS FORCE) if you will not read older versions.`,
      { table: table.full, retainHours, minimum: DEFAULT_RETAIN_HOURS },
    );
  }
  const folder = folderOf(context, table);
  const run = (job: () => Promise<VacuumResult>) =>
    context.locks.run(LAKE_LOCK, 'shared', () => context.locks.run(filesLockName(folder), 'exclusive', job));
  return run(async () => {
    const snapshot = await context.snapshots.latest(folder);
    if (!snapshot) throw tableNotFound(table.full);
    // Its keep-list knows data files only: on a table with deletion vectors (or other features
    // this writer does not keep) it would delete files the table needs.
    checkWritable(snapshot, table.full);
    const cutoff = context.clock() - retainHours * 3600_000;
    const keep = new Set<string>([...snapshot.files.keys()].map(decodeLogPath));
    for (const [path, remove] of snapshot.tombstones) {
      if ((remove.deletionTimestamp ?? 0) > cutoff) keep.add(decodeLogPath(path));
    }
    for (const path of await removedSince(context, table, snapshot.version, cutoff)) keep.add(path);
    const candidates = (await context.storage.list(folder))
      .map((file) => ({ ...file, relative: file.path.slice(folder.length + 1) }))
      .filter((file) => !keep.has(file.relative) && (isTempFile(file.relative) || !isHidden(file.relative)));
    if (!options.dryRun) {
      for (const file of candidates) await context.storage.delete(file.path);
    }
    return {
      table: table.full,
      dryRun: options.dryRun === true,
      files: candidates.map((f) => f.relative).sort(),
      bytes: candidates.reduce((sum, f) => sum + f.size, 0),
    };
  });
}

/**
 * Files removed by the commits after `cutoff`: a version inside the window still reads them. The
 * snapshot's tombstones do not always say so — a checkpoint keeps only those younger than its own
 * retention (7 days here, whatever another writer chose), so a tab that opened the table from a
 * checkpoint would not know them — so the window's commits are read (newest first, cached parses).
 */
async function removedSince(
  context: LakeContext,
  table: TableName,
  latest: number,
  cutoff: number,
): Promise<string[]> {
  const log = logOf(context, table);
  const removed: string[] = [];
  for (let version = latest; version >= 0; version--) {
    const stat = await log.statCommit(version);
    if (!stat) break; // older commits were cleaned up: what is left of them is in the snapshot's tombstones
    const commit = await log.readCommit(version, stat);
    if (commit.timestamp <= cutoff) break;
    for (const remove of commit.removes)
      if ((remove.deletionTimestamp ?? commit.timestamp) > cutoff) removed.push(decodeLogPath(remove.path));
  }
  return removed;
}

/** The log folder and other `_`/`.` entries are not data (as in Delta); partition folders are. */
function isHidden(relative: string): boolean {
  return relative
    .split('/')
    .some((part) => (part.startsWith('_') || part.startsWith('.')) && !part.includes('='));
}
