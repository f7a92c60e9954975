import { LakehouseError } from '../../engine/errors';
import { quoteIdent } from '../../engine/sql-quote';
import type { SparkField } from '../delta/schema';
import { checkWritable, type Snapshot } from '../delta/snapshot';
import { folderOf, type LakeContext } from '../context';
import type { CommitResult, MergeOptions } from '../lake-api';
import { FILE_ID_COLUMN, loadedTableSql, scratchSql, type TableName } from '../names';
import { DEFAULT_MAX_ROWS_PER_FILE, writeDataFiles } from '../write/data-writer';
import { commitTransaction, withWriteLock } from '../write/transaction';
import { createFromSource } from './create-op';
import {
  bytesOf,
  checkSameColumns,
  columnList,
  fileIdsIn,
  liveFiles,
  removeOf,
  schemaOfQuery,
} from './common';

const SOURCE = scratchSql('__src');
const CHANGED_SOURCE = scratchSql('__src_changed');
const WORK = scratchSql('__work');
const TOUCHED = '__lake_touched';

/**
 * MERGE by key columns with DuckDB's MERGE INTO, run on a copy of only the files that hold rows it
 * changes; those files are rewritten, the others stay. Matched rows whose values are all equal are
 * left alone, so re-running a merge with the same data commits nothing.
 */
export function mergeInto(
  context: LakeContext,
  table: TableName,
  options: MergeOptions,
): Promise<CommitResult> {
  return withWriteLock(context, table, async () => {
    const started = performance.now();
    const read = await context.snapshots.latest(folderOf(context, table));
    // Into a table that does not exist every source row is inserted: write them from the query
    // itself, or take over the caller's staged table as the rows (no copy of a first large MERGE).
    if (!read) {
      const source = {
        fromSql: `(${options.sourceSql}) AS source`,
        params: options.params,
        ...(options.adoptTable !== undefined ? { adoptTable: options.adoptTable } : {}),
      };
      try {
        return await createFromSource(context, table, source, 'MERGE', options.partitionBy ?? [], started);
      } finally {
        // Gone already when its rows were adopted; dropped here when they were copied.
        if (options.adoptTable !== undefined)
          await context.engine.exec(`DROP TABLE IF EXISTS ${options.adoptTable}`);
      }
    }
    // The caller's staged table is the source as it stands (the MERGE only reads it): no copy.
    const sourceTable = options.adoptTable ?? SOURCE;
    if (options.adoptTable === undefined) {
      await context.engine.exec(
        `CREATE OR REPLACE TABLE ${SOURCE} AS SELECT * FROM (${options.sourceSql}) AS source`,
        options.params ?? [],
      );
    }
    try {
      checkWritable(read, table.full);
      return await mergeExisting(context, table, read, options, sourceTable, started);
    } finally {
      await context.engine.exec(`DROP TABLE IF EXISTS ${sourceTable}`);
      await context.engine.exec(`DROP TABLE IF EXISTS ${CHANGED_SOURCE}`);
      await context.engine.exec(`DROP TABLE IF EXISTS ${WORK}`);
    }
  });
}

async function mergeExisting(
  context: LakeContext,
  table: TableName,
  read: Snapshot,
  options: MergeOptions,
  sourceTable: string,
  started: number,
): Promise<CommitResult> {
  const { engine } = context;
  const sourceSchema = await schemaOfQuery(engine, `SELECT * FROM ${sourceTable}`);
  checkSameColumns(table.full, read.schema, sourceSchema);
  const keys = options.keys.map((key) => columnOf(table.full, read.schema, key));
  const others = read.schema.filter((f) => !keys.includes(f));
  const on = keys.map((k) => `t.${quoteIdent(k.name)} = s.${quoteIdent(k.name)}`).join(' AND ');
  const differs =
    others.map((f) => `t.${quoteIdent(f.name)} IS DISTINCT FROM s.${quoteIdent(f.name)}`).join(' OR ') ||
    'FALSE';
  const update = (options.whenMatched ?? 'update') === 'update' && others.length > 0;
  const insert = (options.whenNotMatched ?? 'insert') === 'insert';
  const deleteUnmatched = options.deleteNotMatchedBySource === true;
  await context.cache.sync(table, read);
  const target = loadedTableSql(table);
  const [{ n: sourceRows }] = await engine.query<{ n: number }>(
    `SELECT count(*)::BIGINT AS n FROM ${sourceTable}`,
  );
  if (update) await checkOneSourceRowPerTarget(context, table, keys, on, sourceTable);

  // Which files to copy into the work table, and which source rows to merge.
  let source = sourceTable;
  let candidateIds: number[];
  if (deleteUnmatched) {
    candidateIds = [...context.cache.fileIds(table).values()];
  } else {
    await engine.exec(
      `CREATE OR REPLACE TABLE ${CHANGED_SOURCE} AS
       SELECT s.* FROM ${sourceTable} s WHERE ${insert ? `NOT EXISTS (SELECT 1 FROM ${target} t WHERE ${on})` : 'FALSE'}
          OR ${update ? `EXISTS (SELECT 1 FROM ${target} t WHERE ${on} AND (${differs}))` : 'FALSE'}`,
    );
    source = CHANGED_SOURCE;
    const rows = await engine.query<{ id: number }>(
      `SELECT DISTINCT t.${quoteIdent(FILE_ID_COLUMN)} AS id FROM ${target} t SEMI JOIN ${CHANGED_SOURCE} s ON ${on}`,
    );
    candidateIds = update ? rows.map((r) => Number(r.id)) : [];
  }
  const inCandidates = fileIdsIn(candidateIds);
  await engine.exec(
    `CREATE OR REPLACE TABLE ${WORK} AS SELECT *, FALSE AS ${TOUCHED} FROM ${target} WHERE ${inCandidates.sql}`,
    inCandidates.params,
  );
  const before = await rowsPerFile(context);
  const scanTimeMs = Math.round(performance.now() - started);
  const clauses = [
    update
      ? `WHEN MATCHED AND (${differs}) THEN UPDATE SET ${others.map((f) => `${quoteIdent(f.name)} = s.${quoteIdent(f.name)}`).join(', ')}, ${TOUCHED} = TRUE`
      : '',
    insert
      ? `WHEN NOT MATCHED THEN INSERT (${columnList(read.schema)}) VALUES (${columnList(read.schema, 's.')})`
      : '',
    deleteUnmatched ? 'WHEN NOT MATCHED BY SOURCE THEN DELETE' : '',
  ].filter(Boolean);
  if (clauses.length > 0)
    await engine.exec(`MERGE INTO ${WORK} AS t USING ${source} AS s ON ${on} ${clauses.join(' ')}`);
  const after = await rowsPerFile(context);
  const [{ updated, inserted }] = await engine.query<{ updated: number; inserted: number }>(
    `SELECT (count(*) FILTER (WHERE ${TOUCHED}))::BIGINT AS updated,
            (count(*) FILTER (WHERE ${quoteIdent(FILE_ID_COLUMN)} IS NULL))::BIGINT AS inserted FROM ${WORK}`,
  );
  const deletedById = new Map([...before].map(([id, n]) => [id, n - (after.get(id) ?? 0)]));
  const deleted = [...deletedById.values()].reduce((a, b) => a + b, 0);
  const updatedIds = await engine.query<{ id: number }>(
    `SELECT DISTINCT ${quoteIdent(FILE_ID_COLUMN)} AS id FROM ${WORK} WHERE ${TOUCHED}`,
  );
  const touched = new Set([
    ...updatedIds.map((r) => Number(r.id)),
    ...[...deletedById].filter(([, n]) => n > 0).map(([id]) => id),
  ]);
  if (Number(updated) + Number(inserted) + deleted === 0) {
    return {
      table: table.full,
      version: read.version,
      skipped: true,
      operation: 'MERGE',
      metrics: { numSourceRows: Number(sourceRows) },
    };
  }
  const ids = context.cache.fileIds(table);
  const removed = liveFiles(read).filter((f) => touched.has(ids.get(f.path)!));
  const inTouched = fileIdsIn([...touched]);
  const written = await writeDataFiles(
    context,
    {
      folder: folderOf(context, table),
      schema: read.schema,
      partitionColumns: read.metadata.partitionColumns,
    },
    `SELECT ${columnList(read.schema)} FROM ${WORK} WHERE ${inTouched.sql} OR ${quoteIdent(FILE_ID_COLUMN)} IS NULL`,
    inTouched.params,
    { maxRowsPerFile: DEFAULT_MAX_ROWS_PER_FILE, dataChange: true },
  );
  const copied = written.numRows - Number(updated) - Number(inserted);
  return commitTransaction(context, {
    table,
    read,
    operation: 'MERGE',
    operationParameters: {
      predicate: JSON.stringify([keys.map((k) => `t.${k.name} = s.${k.name}`).join(' AND ')]),
      matchedPredicates: JSON.stringify(update ? [{ actionType: 'update' }] : []),
      notMatchedPredicates: JSON.stringify(insert ? [{ actionType: 'insert' }] : []),
      notMatchedBySourcePredicates: JSON.stringify(deleteUnmatched ? [{ actionType: 'delete' }] : []),
    },
    metrics: {
      numSourceRows: Number(sourceRows),
      numTargetRowsInserted: Number(inserted),
      numTargetRowsUpdated: Number(updated),
      numTargetRowsDeleted: deleted,
      numTargetRowsCopied: copied,
      numOutputRows: written.numRows,
      numTargetFilesAdded: written.adds.length,
      numTargetFilesRemoved: removed.length,
      numTargetRowsMatchedUpdated: Number(updated),
      numTargetRowsMatchedDeleted: 0,
      numTargetRowsNotMatchedBySourceUpdated: 0,
      numTargetRowsNotMatchedBySourceDeleted: deleted,
      numTargetBytesAdded: written.numBytes,
      numTargetBytesRemoved: bytesOf(removed),
      numTargetChangeFilesAdded: 0,
      executionTimeMs: Math.round(performance.now() - started),
      scanTimeMs,
      rewriteTimeMs: Math.round(performance.now() - started) - scanTimeMs,
    },
    adds: written.adds,
    removes: removed.map((f) => removeOf(f, true)),
    scope: {
      isBlindAppend: false,
      readPredicate: 'all',
      prune: null,
      readFiles: new Set(liveFiles(read).map((f) => f.path)),
    },
    written,
  });
}

/** A key column of the table, in the table's spelling; names the columns when it is not one. */
export function columnOf(table: string, schema: SparkField[], name: string): SparkField {
  const field = schema.find((f) => f.name.toLowerCase() === name.toLowerCase());
  if (!field) {
    throw new LakehouseError(
      'ColumnNotFound',
      `${table} has no column "${name}" (its columns: ${schema.map((f) => f.name).join(', ')})`,
      { table, column: name },
    );
  }
  return field;
}

/** Delta refuses a MERGE in which two source rows would update the same target row. */
async function checkOneSourceRowPerTarget(
  context: LakeContext,
  table: TableName,
  keys: SparkField[],
  on: string,
  sourceTable: string,
) {
  const keyList = keys.map((k) => `s.${quoteIdent(k.name)}`).join(', ');
  const duplicates = await context.engine.query<{ key: string }>(
    `SELECT CAST((${keyList}) AS VARCHAR) AS key FROM ${sourceTable} s SEMI JOIN ${loadedTableSql(table)} t ON ${on}
     GROUP BY ${keyList} HAVING count(*) > 1 LIMIT 1`,
  );
  if (duplicates.length > 0) {
    throw new LakehouseError(
      'MultipleSourceRowMatchingTargetRowInMerge',
      `Cannot MERGE into ${table.full}: several source rows match the same target row (key ${duplicates[0].key}). ` +
        'Nothing was committed; keep one source row per key (e.g. the latest) and run the MERGE again.',
      { table: table.full, key: duplicates[0].key },
    );
  }
}

async function rowsPerFile(context: LakeContext): Promise<Map<number, number>> {
  const rows = await context.engine.query<{ id: number; n: number }>(
    `SELECT ${quoteIdent(FILE_ID_COLUMN)} AS id, count(*)::BIGINT AS n FROM ${WORK}
     WHERE ${quoteIdent(FILE_ID_COLUMN)} IS NOT NULL GROUP BY 1`,
  );
  return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
}
