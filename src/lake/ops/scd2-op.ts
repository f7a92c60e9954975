import { LakehouseError } from '../../engine/errors';
import { quoteIdent } from '../../engine/sql-quote';
import type { SparkField } from '../delta/schema';
import { checkWritable, type Snapshot } from '../delta/snapshot';
import { folderOf, type LakeContext } from '../context';
import type { CommitResult, Scd2Options } from '../lake-api';
import { FILE_ID_COLUMN, loadedTableSql, scratchSql, type TableName } from '../names';
import { DEFAULT_MAX_ROWS_PER_FILE, writeDataFiles } from '../write/data-writer';
import { commitTransaction, withWriteLock } from '../write/transaction';
import { bytesOf, columnList, fileIdsIn, liveFiles, removeOf, schemaOfQuery } from './common';
import { createFromSource } from './create-op';
import { columnOf } from './merge-op';

const SOURCE = scratchSql('__scd2_src');
const CHANGES = scratchSql('__scd2_changes');
const NEW_ROWS = scratchSql('__scd2_new');
const WORK = scratchSql('__scd2_work');

/** The columns SCD type 2 adds to the tracked ones. */
export const SCD2_COLUMNS = ['valid_from', 'valid_to', 'is_current'] as const;

/**
 * SCD type 2: per key, source rows in time order become versions of the key's row; a row opens at
 * its effective time (valid_from, inclusive) and closes when the next change opens (valid_to,
 * exclusive; NULL while current). A change is a tracked value that differs from the row before it,
 * so A → B → A gives three rows and a source row equal to the current one writes nothing. Source
 * rows at or before the current row's valid_from are history already recorded, and are skipped.
 */
export function scd2Merge(
  context: LakeContext,
  table: TableName,
  options: Scd2Options,
): Promise<CommitResult> {
  return withWriteLock(context, table, async () => {
    const started = performance.now();
    const read = await context.snapshots.latest(folderOf(context, table));
    if (read) {
      checkWritable(read, table.full);
      await context.cache.sync(table, read);
    }
    await context.engine.exec(
      `CREATE OR REPLACE TABLE ${SOURCE} AS SELECT * FROM (${options.sourceSql}) AS source`,
      options.params ?? [],
    );
    try {
      const plan = await planChanges(context, table, read, options);
      if (!read) {
        return await createFromSource(
          context,
          table,
          { fromSql: NEW_ROWS },
          'MERGE',
          [],
          started,
          scd2Parameters(options, plan.keys),
        );
      }
      return await commitChanges(context, table, read, options, plan, started);
    } finally {
      for (const scratch of [SOURCE, CHANGES, NEW_ROWS, WORK])
        await context.engine.exec(`DROP TABLE IF EXISTS ${scratch}`);
    }
  });
}

interface ChangePlan {
  keys: string[];
  sourceRows: number;
}

async function planChanges(
  context: LakeContext,
  table: TableName,
  read: Snapshot | null,
  options: Scd2Options,
): Promise<ChangePlan> {
  const { engine } = context;
  const sourceSchema = await schemaOfQuery(engine, `SELECT * FROM ${SOURCE}`);
  const field = (name: string) => columnOf(`The source of ${table.full}`, sourceSchema, name).name;
  const keys = options.keys.map(field);
  const tracked = options.tracked.map(field);
  const effective = field(options.effectiveColumn);
  const reserved = sourceSchema.find((f) =>
    (SCD2_COLUMNS as readonly string[]).includes(f.name.toLowerCase()),
  );
  if (reserved) {
    throw new LakehouseError(
      'ReservedColumn',
      `The source of ${table.full} has a column ${reserved.name}; SCD2 adds it itself`,
      {
        column: reserved.name,
      },
    );
  }
  const others = sourceSchema
    .map((f) => f.name)
    .filter((n) => !keys.includes(n) && !tracked.includes(n) && n !== effective);
  const dataColumns = sourceSchema.map((f) => f.name).filter((n) => n !== effective);
  if (read) checkTableColumns(table, read.schema, dataColumns);
  const q = quoteIdent;
  const keyMatch = (a: string, b: string) => keys.map((k) => `${a}.${q(k)} = ${b}.${q(k)}`).join(' AND ');
  const trackedRow = `row(${tracked.map((c) => q(c)).join(', ')})`;
  const current = read
    ? `SELECT ${[...keys, ...tracked].map((c) => q(c)).join(', ')}, valid_from FROM ${loadedTableSql(table)} WHERE is_current`
    : `SELECT ${[...keys, ...tracked].map((c) => `s.${q(c)}`).join(', ')}, s.${q(effective)} AS valid_from FROM ${SOURCE} s WHERE FALSE`;
  await engine.exec(`CREATE OR REPLACE TABLE ${CHANGES} AS
    WITH cur AS (${current}),
    src AS (
      SELECT s.* FROM ${SOURCE} s LEFT JOIN cur c ON ${keyMatch('s', 'c')}
      WHERE c.valid_from IS NULL OR s.${q(effective)} > c.valid_from),
    seq AS (
      SELECT ${[...[...keys, ...tracked].map((c) => `c.${q(c)}`), ...others.map((o) => `NULL AS ${q(o)}`)].join(', ')},
             c.valid_from AS __t, 0 AS __o
      FROM cur c WHERE EXISTS (SELECT 1 FROM src s WHERE ${keyMatch('s', 'c')})
      UNION ALL BY NAME
      SELECT ${dataColumns.map((c) => q(c)).join(', ')}, ${q(effective)} AS __t, 1 AS __o FROM src),
    marked AS (
      SELECT *, ${trackedRow} IS DISTINCT FROM lag(${trackedRow}) OVER (
               PARTITION BY ${keys.map((k) => q(k)).join(', ')} ORDER BY __t, __o, ${trackedRow}) AS __changed
      FROM seq)
    SELECT * EXCLUDE (__o, __changed) FROM marked WHERE __o = 1 AND __changed`);
  const byKey = keys.map((k) => q(k)).join(', ');
  await engine.exec(`CREATE OR REPLACE TABLE ${NEW_ROWS} AS
    SELECT ${dataColumns.map((c) => q(c)).join(', ')}, __t AS valid_from,
           lead(__t) OVER (PARTITION BY ${byKey} ORDER BY __t) AS valid_to,
           lead(__t) OVER (PARTITION BY ${byKey} ORDER BY __t) IS NULL AS is_current
    FROM ${CHANGES}`);
  const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${SOURCE}`);
  return { keys, sourceRows: Number(n) };
}

async function commitChanges(
  context: LakeContext,
  table: TableName,
  read: Snapshot,
  options: Scd2Options,
  plan: ChangePlan,
  started: number,
): Promise<CommitResult> {
  const { engine } = context;
  const q = quoteIdent;
  const [{ n: inserted }] = await engine.query<{ n: number }>(
    `SELECT count(*)::BIGINT AS n FROM ${NEW_ROWS}`,
  );
  if (Number(inserted) === 0) {
    return {
      table: table.full,
      version: read.version,
      skipped: true,
      operation: 'MERGE',
      metrics: { numSourceRows: plan.sourceRows },
    };
  }
  const target = loadedTableSql(table);
  const keyMatch = plan.keys.map((k) => `t.${q(k)} = c.${q(k)}`).join(' AND ');
  const closes = `SELECT ${plan.keys.map((k) => q(k)).join(', ')}, min(__t) AS close_at FROM ${CHANGES} GROUP BY ALL`;
  const ids = await engine.query<{ id: number }>(
    `SELECT DISTINCT t.${q(FILE_ID_COLUMN)} AS id FROM ${target} t SEMI JOIN (${closes}) c ON ${keyMatch} WHERE t.is_current`,
  );
  const inTouched = fileIdsIn(ids.map((r) => Number(r.id)));
  await engine.exec(
    `CREATE OR REPLACE TABLE ${WORK} AS SELECT * FROM ${target} WHERE ${inTouched.sql}`,
    inTouched.params,
  );
  await engine.exec(
    `UPDATE ${WORK} AS t SET valid_to = c.close_at, is_current = FALSE FROM (${closes}) AS c WHERE ${keyMatch} AND t.is_current`,
  );
  const [{ n: closed }] = await engine.query<{ n: number }>(
    `SELECT count(*)::BIGINT AS n FROM ${WORK} t JOIN (${closes}) c ON ${keyMatch} WHERE NOT t.is_current AND t.valid_to = c.close_at`,
  );
  const fileIds = context.cache.fileIds(table);
  const touched = new Set(ids.map((r) => Number(r.id)));
  const removed = liveFiles(read).filter((f) => touched.has(fileIds.get(f.path)!));
  const written = await writeDataFiles(
    context,
    {
      folder: folderOf(context, table),
      schema: read.schema,
      partitionColumns: read.metadata.partitionColumns,
    },
    `SELECT ${columnList(read.schema)} FROM ${WORK} UNION ALL BY NAME SELECT * FROM ${NEW_ROWS}`,
    [],
    { maxRowsPerFile: DEFAULT_MAX_ROWS_PER_FILE, dataChange: true },
  );
  return commitTransaction(context, {
    table,
    read,
    operation: 'MERGE',
    operationParameters: scd2Parameters(options, plan.keys),
    metrics: {
      numSourceRows: plan.sourceRows,
      numTargetRowsInserted: Number(inserted),
      numTargetRowsUpdated: Number(closed),
      numTargetRowsDeleted: 0,
      numTargetRowsCopied: written.numRows - Number(inserted) - Number(closed),
      numOutputRows: written.numRows,
      numTargetFilesAdded: written.adds.length,
      numTargetFilesRemoved: removed.length,
      numTargetBytesAdded: written.numBytes,
      numTargetBytesRemoved: bytesOf(removed),
      executionTimeMs: Math.round(performance.now() - started),
    },
    adds: written.adds,
    removes: removed.map((f) => removeOf(f, true)),
    scope: { isBlindAppend: false, readPredicate: 'all', prune: null, readFiles: new Set(read.files.keys()) },
    written,
  });
}

function scd2Parameters(options: Scd2Options, keys: string[]): Record<string, unknown> {
  return {
    predicate: JSON.stringify([keys.map((k) => `t.${k} = s.${k}`).join(' AND ')]),
    scd2: JSON.stringify({ keys, tracked: options.tracked, effectiveColumn: options.effectiveColumn }),
  };
}

/** An existing SCD2 table must have the source's columns plus valid_from, valid_to, is_current. */
function checkTableColumns(table: TableName, schema: SparkField[], dataColumns: string[]): void {
  const want = [...dataColumns, ...SCD2_COLUMNS].map((c) => c.toLowerCase()).sort();
  const have = schema.map((f) => f.name.toLowerCase()).sort();
  if (want.join(',') !== have.join(',')) {
    throw new LakehouseError(
      'SchemaMismatch',
      `${table.full} has columns (${schema.map((f) => f.name).join(', ')}), but an SCD2 merge of this source ` +
        `needs (${[...dataColumns, ...SCD2_COLUMNS].join(', ')}). Select the same columns as when the table was created.`,
      { table: table.full },
    );
  }
}
