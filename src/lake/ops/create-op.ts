import type { SqlValue } from '../../engine/types';
import { folderOf, type LakeContext } from '../context';
import type { CommitResult } from '../lake-api';
import type { TableName } from '../names';
import { DEFAULT_MAX_ROWS_PER_FILE, writeDataFiles } from '../write/data-writer';
import { commitTransaction } from '../write/transaction';
import { PROTOCOL, checkPartitionColumns, columnList, newMetadata, schemaOfQuery } from './common';

/** Rows to create a table from: a FROM item (a table, or a query in parentheses with an alias). */
export interface CreateSource {
  fromSql: string;
  params?: SqlValue[];
  /** A table holding exactly the source's rows, which the write may take over (`FileLayout.adoptTable`). */
  adoptTable?: string;
}

/**
 * Create a table from all rows of a source, as the first MERGE (or SCD2 merge) into a table that
 * does not exist yet: every source row is inserted.
 */
export async function createFromSource(
  context: LakeContext,
  table: TableName,
  source: CreateSource,
  operation: string,
  partitionBy: string[],
  started: number,
  operationParameters: Record<string, unknown> = {},
): Promise<CommitResult> {
  const params = source.params ?? [];
  const schema = await schemaOfQuery(context.engine, `SELECT * FROM ${source.fromSql}`, params);
  const partitionColumns = checkPartitionColumns(table.full, schema, partitionBy);
  const written = await writeDataFiles(
    context,
    { folder: folderOf(context, table), schema, partitionColumns },
    `SELECT ${columnList(schema)} FROM ${source.fromSql}`,
    params,
    {
      maxRowsPerFile: DEFAULT_MAX_ROWS_PER_FILE,
      dataChange: true,
      ...(source.adoptTable !== undefined ? { adoptTable: source.adoptTable } : {}),
      loadedCopy: context.cache.replacementOf(table, schema),
    },
  );
  return commitTransaction(context, {
    table,
    read: null,
    operation,
    operationParameters,
    metrics: {
      numSourceRows: written.numRows,
      numTargetRowsInserted: written.numRows,
      numTargetRowsUpdated: 0,
      numTargetRowsDeleted: 0,
      numTargetRowsCopied: 0,
      numOutputRows: written.numRows,
      numTargetFilesAdded: written.adds.length,
      numTargetFilesRemoved: 0,
      numTargetBytesAdded: written.numBytes,
      numTargetBytesRemoved: 0,
      executionTimeMs: Math.round(performance.now() - started),
    },
    adds: written.adds,
    removes: [],
    metadata: newMetadata(schema, partitionColumns, context.clock()),
    protocol: PROTOCOL,
    scope: { isBlindAppend: false, readPredicate: null, prune: null, readFiles: new Set() },
    written,
  });
}
