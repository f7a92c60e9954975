import { LakehouseError } from '../../engine/errors';
import { decodeLogPath } from '../delta/actions';
import { checkWritable } from '../delta/snapshot';
import { folderOf, logOf, type LakeContext } from '../context';
import { tableNotFound } from '../errors';
import type { CommitResult } from '../lake-api';
import type { TableName } from '../names';
import { resolveVersion } from '../read/versions';
import { joinPath } from '../storage/types';
import { commitTransaction, withWriteLock } from '../write/transaction';
import { bytesOf, liveFiles, removeOf } from './common';

/**
 * RESTORE TABLE … TO VERSION AS OF n (or TIMESTAMP AS OF t): a new commit whose live files are
 * those of the old version — files added back, files removed — and its schema when that differs.
 */
export function restore(
  context: LakeContext,
  table: TableName,
  spec: { version: number } | { timestamp: string },
): Promise<CommitResult> {
  return withWriteLock(context, table, async () => {
    const started = performance.now();
    const folder = folderOf(context, table);
    const read = await context.snapshots.latest(folder);
    if (!read) throw tableNotFound(table.full);
    checkWritable(read, table.full);
    const log = logOf(context, table);
    const listing = await log.list();
    const version = await resolveVersion(log, listing, table.full, spec);
    const target = await context.snapshots.at(folder, version, listing);
    const toRestore = liveFiles(target).filter((f) => !read.files.has(f.path));
    const toRemove = liveFiles(read).filter((f) => !target.files.has(f.path));
    const missing: string[] = [];
    for (const file of toRestore) {
      if (!(await context.storage.stat(joinPath(folder, decodeLogPath(file.path)))))
        missing.push(decodeLogPath(file.path));
    }
    if (missing.length > 0) {
      throw new LakehouseError(
        'RestoreFilesMissing',
        `${table.full} cannot be restored to version ${version}: ${missing.length} of its data files were deleted by ` +
          `VACUUM (e.g. ${missing[0]}). Nothing was committed; restore a version inside the retention window ` +
          `(DESCRIBE HISTORY ${table.full} lists them).`,
        { table: table.full, version, missing },
      );
    }
    const schemaChanged =
      target.metadata.schemaString !== read.metadata.schemaString ||
      target.metadata.partitionColumns.join(',') !== read.metadata.partitionColumns.join(',');
    const live = liveFiles(target);
    return commitTransaction(context, {
      table,
      read,
      operation: 'RESTORE',
      operationParameters: 'version' in spec ? { version: String(version) } : { timestamp: spec.timestamp },
      metrics: {
        table_size_after_restore: bytesOf(live),
        num_of_files_after_restore: live.length,
        num_removed_files: toRemove.length,
        num_restored_files: toRestore.length,
        removed_files_size: bytesOf(toRemove),
        restored_files_size: bytesOf(toRestore),
        executionTimeMs: Math.round(performance.now() - started),
      },
      adds: toRestore.map((f) => ({ ...f, dataChange: true, modificationTime: f.modificationTime })),
      removes: toRemove.map((f) => removeOf(f, true)),
      metadata: schemaChanged ? { ...target.metadata, id: read.metadata.id } : undefined,
      scope: {
        isBlindAppend: false,
        readPredicate: 'all',
        prune: null,
        readFiles: new Set(read.files.keys()),
      },
      written: null,
    });
  });
}
