import type { SqlValue } from '../../engine/types';
import { checkWritable } from '../delta/snapshot';
import { folderOf, type LakeContext } from '../context';
import { tableNotFound } from '../errors';
import type { CommitResult } from '../lake-api';
import type { TableName } from '../names';
import { DEFAULT_MAX_ROWS_PER_FILE, writeDataFiles } from '../write/data-writer';
import { commitTransaction, withWriteLock } from '../write/transaction';
import { bytesOf, removeOf } from './common';
import { matchFiles } from './matching';

/**
 * DELETE FROM table WHERE predicate, copy-on-write: files whose stats rule the predicate out are
 * not read; a file with matching rows is removed and its other rows are written to a new file.
 */
export function deleteWhere(
  context: LakeContext,
  table: TableName,
  predicate: string,
  params: SqlValue[] = [],
): Promise<CommitResult> {
  return withWriteLock(context, table, async () => {
    const started = performance.now();
    const read = await context.snapshots.latest(folderOf(context, table));
    if (!read) throw tableNotFound(table.full);
    checkWritable(read, table.full);
    await context.cache.sync(table, read);
    const match = await matchFiles(context, table, read, predicate, params);
    const scanTimeMs = Math.round(performance.now() - started);
    if (match.hitFiles.length === 0) {
      return {
        table: table.full,
        version: read.version,
        skipped: true,
        operation: 'DELETE',
        metrics: { numDeletedRows: 0 },
      };
    }
    const written =
      match.copiedRows > 0
        ? await writeDataFiles(
            context,
            {
              folder: folderOf(context, table),
              schema: read.schema,
              partitionColumns: read.metadata.partitionColumns,
            },
            match.copy.sql,
            match.copy.params,
            { maxRowsPerFile: DEFAULT_MAX_ROWS_PER_FILE, dataChange: true },
          )
        : null;
    const adds = written?.adds ?? [];
    return commitTransaction(context, {
      table,
      read,
      operation: 'DELETE',
      operationParameters: { predicate: JSON.stringify([predicate]) },
      metrics: {
        numRemovedFiles: match.hitFiles.length,
        numAddedFiles: adds.length,
        numDeletedRows: match.matchedRows,
        numCopiedRows: match.copiedRows,
        numRemovedBytes: bytesOf(match.hitFiles),
        numAddedBytes: bytesOf(adds),
        numAddedChangeFiles: 0,
        executionTimeMs: Math.round(performance.now() - started),
        scanTimeMs,
        rewriteTimeMs: Math.round(performance.now() - started) - scanTimeMs,
      },
      adds,
      removes: match.hitFiles.map((f) => removeOf(f, true)),
      scope: {
        isBlindAppend: false,
        readPredicate: match.condition,
        prune: match.prune,
        readFiles: new Set(match.candidates.map((f) => f.path)),
      },
      written,
    });
  });
}
