import { checkWritable } from '../delta/snapshot';
import { folderOf, type LakeContext } from '../context';
import { tableNotFound } from '../errors';
import type { CommitResult } from '../lake-api';
import { loadedTableSql, scratchSql, type TableName } from '../names';
import { DEFAULT_MAX_ROWS_PER_FILE, writeDataFiles } from '../write/data-writer';
import { commitTransaction, withWriteLock } from '../write/transaction';
import { bytesOf, columnList, fileIdsIn, removeOf } from './common';
import { matchFiles } from './matching';

const WORK = scratchSql('__update');

/**
 * UPDATE table SET … WHERE predicate, copy-on-write: the files holding matching rows are copied,
 * updated with DuckDB's UPDATE, written as new files, and replace the old ones in one commit.
 */
export function updateWhere(
  context: LakeContext,
  table: TableName,
  assignments: string,
  predicate: string,
): Promise<CommitResult> {
  return withWriteLock(context, table, async () => {
    const started = performance.now();
    const read = await context.snapshots.latest(folderOf(context, table));
    if (!read) throw tableNotFound(table.full);
    checkWritable(read, table.full);
    await context.cache.sync(table, read);
    const match = await matchFiles(context, table, read, predicate, []);
    const scanTimeMs = Math.round(performance.now() - started);
    if (match.hitFiles.length === 0) {
      return {
        table: table.full,
        version: read.version,
        skipped: true,
        operation: 'UPDATE',
        metrics: { numUpdatedRows: 0 },
      };
    }
    const ids = context.cache.fileIds(table);
    const inHit = fileIdsIn(match.hitFiles.map((f) => ids.get(f.path)!));
    try {
      await context.engine.exec(
        `CREATE OR REPLACE TABLE ${WORK} AS SELECT ${columnList(read.schema)} FROM ${loadedTableSql(table)} WHERE ${inHit.sql}`,
        inHit.params,
      );
      await context.engine.exec(`UPDATE ${WORK} SET ${assignments} WHERE (${predicate})`);
      const written = await writeDataFiles(
        context,
        {
          folder: folderOf(context, table),
          schema: read.schema,
          partitionColumns: read.metadata.partitionColumns,
        },
        `SELECT * FROM ${WORK}`,
        [],
        { maxRowsPerFile: DEFAULT_MAX_ROWS_PER_FILE, dataChange: true },
      );
      return await commitTransaction(context, {
        table,
        read,
        operation: 'UPDATE',
        operationParameters: { predicate: JSON.stringify([predicate]) },
        metrics: {
          numRemovedFiles: match.hitFiles.length,
          numAddedFiles: written.adds.length,
          numUpdatedRows: match.matchedRows,
          numCopiedRows: match.copiedRows,
          numRemovedBytes: bytesOf(match.hitFiles),
          numAddedBytes: written.numBytes,
          numAddedChangeFiles: 0,
          executionTimeMs: Math.round(performance.now() - started),
          scanTimeMs,
          rewriteTimeMs: Math.round(performance.now() - started) - scanTimeMs,
        },
        adds: written.adds,
        removes: match.hitFiles.map((f) => removeOf(f, true)),
        scope: {
          isBlindAppend: false,
          readPredicate: match.condition,
          prune: match.prune,
          readFiles: new Set(match.candidates.map((f) => f.path)),
        },
        written,
      });
    } finally {
      await context.engine.exec(`DROP TABLE IF EXISTS ${WORK}`);
    }
  });
}
