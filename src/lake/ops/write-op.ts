import { LakehouseError } from '../../engine/errors';
import type { Metadata } from '../delta/actions';
import { checkWritable } from '../delta/snapshot';
import { sameSchema, toSchemaString } from '../delta/schema';
import { folderOf, type LakeContext } from '../context';
import { tableNotFound } from '../errors';
import type { CommitResult, WriteOptions } from '../lake-api';
import type { TableName } from '../names';
import { replacesWholeTable } from '../read/table-cache';
import { pruneContext } from '../skipping/prune';
import { meaningful, tokenize } from '../sql/tokenizer';
import { findReferences } from '../sql/references';
import { DEFAULT_MAX_ROWS_PER_FILE, writeDataFiles } from '../write/data-writer';
import { commitTransaction, withWriteLock, type CommitRequest } from '../write/transaction';
import {
  PROTOCOL,
  bytesOf,
  checkPartitionColumns,
  checkSameColumns,
  columnList,
  liveFiles,
  newMetadata,
  removeOf,
  schemaOfQuery,
} from './common';
import { matchFiles } from './matching';

/** Append the rows of a query, overwrite the table with them, or replace the rows matching a predicate. */
export function writeTable(
  context: LakeContext,
  table: TableName,
  options: WriteOptions,
): Promise<CommitResult> {
  return withWriteLock(context, table, async () => {
    const started = performance.now();
    const operation = options.operation ?? 'WRITE';
    const params = options.params ?? [];
    const read = await context.snapshots.latest(folderOf(context, table));
    if (read) checkWritable(read, table.full);
    const recorded = read?.txns.get(options.txn?.appId ?? '') ?? -1;
    if (options.txn?.previous !== undefined && recorded !== options.txn.previous) {
      throw new LakehouseError(
        'ConcurrentTransactionException',
        `This ${operation} of ${table.full} was planned from version ${options.txn.previous} of ${options.txn.appId}, ` +
          `but the table is at its version ${recorded} (another writer of the same application committed). ` +
          `Nothing was committed; run the ${operation} again.`,
        { table: table.full, appId: options.txn.appId, previous: options.txn.previous, recorded },
      );
    }
    if (options.txn && options.txn.previous === undefined && recorded >= options.txn.version) {
      return { table: table.full, version: read!.version, skipped: true, operation, metrics: {} };
    }
    if (options.replaceWhere !== undefined && options.mode !== 'overwrite') {
      throw new LakehouseError('InvalidWrite', 'replaceWhere only goes with mode "overwrite"', {
        table: table.full,
      });
    }
    if (options.replaceWhere !== undefined && !read) throw tableNotFound(table.full);
    const dataSchema = await schemaOfQuery(context.engine, options.sql, params);
    const readsItself = findReferences(meaningful(tokenize(options.sql))).some((r) => r.table === table.full);
    if (read && context.cache.versionOf(table) !== undefined) await context.cache.sync(table, read);

    // The table's schema after this write, and its metaData when that changes.
    let schema = read?.schema ?? dataSchema;
    let partitionColumns = read?.metadata.partitionColumns ?? [];
    let metadata: Metadata | undefined;
    const requested = options.partitionBy
      ? checkPartitionColumns(table.full, dataSchema, options.partitionBy)
      : null;
    if (!read) {
      partitionColumns = requested ?? [];
      metadata = newMetadata(dataSchema, partitionColumns, context.clock());
    } else if (options.mode === 'overwrite' && options.replaceWhere === undefined) {
      const repartition = requested !== null && requested.join(',') !== partitionColumns.join(',');
      if (repartition || !sameSchema(read.schema, dataSchema)) {
        schema = dataSchema;
        partitionColumns = requested ?? partitionColumns.filter((c) => dataSchema.some((f) => f.name === c));
        metadata = { ...read.metadata, schemaString: toSchemaString(dataSchema), partitionColumns };
      }
    } else {
      checkSameColumns(table.full, read.schema, dataSchema);
      if (requested && requested.join(',') !== partitionColumns.join(',')) {
        throw new LakehouseError(
          'PartitionColumnsMismatch',
          `${table.full} is partitioned by (${partitionColumns.join(', ') || 'nothing'}), not (${requested.join(', ')}). ` +
            'Leave partitionBy out, or overwrite the table to change its partitioning.',
          { table: table.full, partitionColumns, requested },
        );
      }
    }

    const plainSource = `SELECT ${columnList(schema)} FROM (${options.sql}) AS data`;
    let source = plainSource;
    let sourceParams = [...params];
    let removes = options.mode === 'overwrite' && options.replaceWhere === undefined ? liveFiles(read) : [];
    const extraMetrics: Record<string, number> = {};
    // An overwrite, or a write whose query reads the table, read all of it; a plain append read nothing.
    const readsAll = options.mode === 'overwrite' || readsItself;
    let scope: CommitRequest['scope'] = {
      isBlindAppend: options.mode === 'append' && !readsItself,
      readPredicate: readsAll ? 'all' : null,
      prune: read ? pruneContext(read.schema, read.metadata.partitionColumns) : null,
      readFiles: new Set(readsAll ? liveFiles(read).map((f) => f.path) : []),
    };
    if (options.replaceWhere !== undefined && read) {
      await checkReplaceWhere(context, table, options.sql, params, options.replaceWhere);
      await context.cache.sync(table, read);
      const match = await matchFiles(context, table, read, options.replaceWhere, []);
      removes = match.hitFiles;
      source = `${source} UNION ALL ${match.copy.sql}`;
      sourceParams = [...params, ...match.copy.params];
      extraMetrics.numDeletedRows = match.matchedRows;
      extraMetrics.numCopiedRows = match.copiedRows;
      scope = {
        ...scope,
        readPredicate: match.condition,
        readFiles: new Set(match.candidates.map((f) => f.path)),
      };
    }
    const planMs = performance.now() - started;
    const written = await writeDataFiles(
      context,
      { folder: folderOf(context, table), schema, partitionColumns },
      source,
      sourceParams,
      {
        maxRowsPerFile: DEFAULT_MAX_ROWS_PER_FILE,
        dataChange: true,
        // Adopted only when `source` is exactly the table's rows (no replaceWhere copy added).
        ...(options.adoptTable !== undefined && source === plainSource
          ? { adoptTable: options.adoptTable }
          : {}),
        ...(replacesWholeTable(read, removes.length)
          ? { loadedCopy: context.cache.replacementOf(table, schema) }
          : {}),
      },
    );
    const mode = options.mode === 'append' ? 'Append' : 'Overwrite';
    return commitTransaction(context, {
      table,
      read,
      operation,
      operationParameters: {
        mode,
        partitionBy: JSON.stringify(partitionColumns),
        ...(options.replaceWhere !== undefined ? { predicate: JSON.stringify([options.replaceWhere]) } : {}),
        ...options.operationParameters,
      },
      metrics: {
        numFiles: written.adds.length,
        numOutputRows: written.numRows,
        numOutputBytes: written.numBytes,
        ...(removes.length > 0 ? { numRemovedFiles: removes.length, numRemovedBytes: bytesOf(removes) } : {}),
        ...extraMetrics,
        executionTimeMs: Math.round(performance.now() - started),
      },
      adds: written.adds,
      removes: removes.map((f) => removeOf(f, true)),
      metadata,
      protocol: read ? undefined : PROTOCOL,
      txn: options.txn,
      scope,
      commitInfoExtra: options.commitInfoExtra,
      written,
      planMs,
    });
  });
}

/** Every row written with replaceWhere must match its predicate, as in Delta. */
async function checkReplaceWhere(
  context: LakeContext,
  table: TableName,
  sql: string,
  params: WriteOptions['params'] = [],
  predicate: string,
): Promise<void> {
  const [{ n }] = await context.engine.query<{ n: number }>(
    `SELECT count(*)::BIGINT AS n FROM (${sql}) AS data WHERE (${predicate}) IS NOT TRUE`,
    params,
  );
  if (Number(n) > 0) {
    throw new LakehouseError(
      'ReplaceWhereMismatch',
      `${Number(n)} of the rows written to ${table.full} do not match replaceWhere ${predicate}. Nothing was committed; ` +
        'write only rows that match it, or widen the predicate.',
      { table: table.full, predicate, rows: Number(n) },
    );
  }
}
