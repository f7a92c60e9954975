import type { ParquetCodec } from '../../engine/parquet-codec';
import { quoteIdent } from '../../engine/sql-quote';
import type { SqlEngine, SqlValue } from '../../engine/types';
import { encodeLogPath, type AddFile } from '../delta/actions';
import { partitionFolder, partitionValue } from '../delta/partitions';
import { duckType, hasMinMax, type SparkField } from '../delta/schema';
import { statsJson, type StatsKind } from '../delta/stats';
import { scratchSql } from '../names';
import type { WrittenRows } from '../read/table-cache';
import { joinPath, type Storage } from '../storage/types';

/** What writing data files needs. */
export interface WriterContext {
  engine: SqlEngine;
  parquet: ParquetCodec;
  storage: Storage;
  clock: () => number;
}

/** The table the files are for. */
export interface WriteTarget {
  folder: string;
  schema: SparkField[];
  partitionColumns: string[];
}

/** How the rows are cut into files. */
export interface FileLayout {
  /** Most rows in one file. */
  maxRowsPerFile: number;
  /** SQL ORDER BY list applied before cutting (e.g. a Z-order value); insertion order otherwise. */
  orderBy?: string;
  /** False for files that hold the same rows as the files they replace (OPTIMIZE). */
  dataChange: boolean;
}

/** Data files written and not yet committed. */
export interface WrittenFiles {
  adds: AddFile[];
  /** The rows, still in DuckDB, so the loaded table can be updated without reading the files back. */
  rows: WrittenRows;
  /** Storage paths of the new files, to delete them when the commit fails. */
  storagePaths: string[];
  numRows: number;
  numBytes: number;
  /** ms: running the query into a scratch table, cutting files + stats, Parquet encoding, storage writes. */
  timings: { queryMs: number; statsMs: number; encodeMs: number; storageMs: number };
}

/** Default most rows per data file of a write. */
export const DEFAULT_MAX_ROWS_PER_FILE = 1_000_000;

const ROWS = scratchSql('__rows');
const OUT = scratchSql('__out');
const FILE_NO = '__lake_fileno';

/**
 * Write the rows of a query as Parquet data files of the table: cast to the table's types, one
 * folder per partition value, at most `maxRowsPerFile` rows per file, with Delta stats per file.
 * The rows stay in a DuckDB table (`rows.tableSql`) until the caller drops them.
 */
export async function writeDataFiles(
  context: WriterContext,
  target: WriteTarget,
  sourceSql: string,
  params: SqlValue[],
  layout: FileLayout,
): Promise<WrittenFiles> {
  const started = performance.now();
  const { engine } = context;
  const casts = target.schema.map(
    (f) => `CAST(${quoteIdent(f.name)} AS ${duckType(f.type)}) AS ${quoteIdent(f.name)}`,
  );
  const order = layout.orderBy ? ` ORDER BY ${layout.orderBy}` : '';
  await engine.exec(
    `CREATE OR REPLACE TABLE ${ROWS} AS SELECT ${casts.join(', ')} FROM (${sourceSql}) AS source${order}`,
    params,
  );
  const queried = performance.now();
  const cut = await cutIntoFiles(engine, target, layout.maxRowsPerFile);
  const files = await fileStats(engine, target, cut);
  const result: WrittenFiles = {
    adds: [],
    rows: { tableSql: cut.tableSql, fileNoSql: cut.fileNoSql, paths: [] },
    storagePaths: [],
    numRows: 0,
    numBytes: 0,
    timings: { queryMs: queried - started, statsMs: performance.now() - queried, encodeMs: 0, storageMs: 0 },
  };
  const dataColumns = target.schema
    .filter((f) => !target.partitionColumns.includes(f.name))
    .map((f) => quoteIdent(f.name))
    .join(', ');
  for (const file of files) {
    const t0 = performance.now();
    const filter = cut.rowsOf(file.fileNo);
    const ipc = await engine.queryArrow(
      `SELECT ${dataColumns} FROM ${cut.tableSql} WHERE ${filter.sql}`,
      filter.params,
    );
    const bytes = context.parquet.write(ipc);
    const t1 = performance.now();
    const folder = partitionFolder(target.partitionColumns, file.partitionValues);
    const name = `part-${String(file.fileNo).padStart(5, '0')}-${crypto.randomUUID()}-c000.zstd.parquet`;
    const relative = folder ? `${folder}/${name}` : name;
    const storagePath = joinPath(target.folder, relative);
    result.storagePaths.push(storagePath);
    await context.storage.write(storagePath, bytes);
    result.timings.encodeMs += t1 - t0;
    result.timings.storageMs += performance.now() - t1;
    const path = encodeLogPath(relative);
    result.rows.paths.push(path);
    result.adds.push({
      path,
      partitionValues: file.partitionValues,
      size: bytes.byteLength,
      modificationTime: context.clock(),
      dataChange: layout.dataChange,
      stats: file.stats,
    });
    result.numRows += file.numRecords;
    result.numBytes += bytes.byteLength;
  }
  return result;
}

/** Where the rows of each file are: the table, its file-number expression, a filter per file. */
interface FileCut {
  tableSql: string;
  fileNoSql: string;
  rowsOf(fileNo: number): { sql: string; params: SqlValue[] };
}

/**
 * Number the files 0, 1, 2, …: one group per partition value, cut every `maxRows` rows. Without
 * partitions the files are ranges of row ids, so the rows need no second copy.
 */
async function cutIntoFiles(engine: SqlEngine, target: WriteTarget, maxRows: number): Promise<FileCut> {
  const rows = Math.max(1, Math.floor(maxRows));
  if (target.partitionColumns.length === 0) {
    return {
      tableSql: ROWS,
      fileNoSql: `(rowid // ${rows})::INTEGER`,
      rowsOf: (fileNo) => ({ sql: 'rowid >= ? AND rowid < ?', params: [fileNo * rows, (fileNo + 1) * rows] }),
    };
  }
  const parts = target.partitionColumns.map(quoteIdent).join(', ');
  await engine.exec(`CREATE OR REPLACE TABLE ${OUT} AS
    WITH cut AS (
      SELECT *, rowid AS __r, dense_rank() OVER (ORDER BY ${parts}) AS __g,
             (row_number() OVER (PARTITION BY ${parts} ORDER BY rowid) - 1) // ${rows} AS __c
      FROM ${ROWS})
    SELECT * EXCLUDE (__r, __g, __c), (dense_rank() OVER (ORDER BY __g, __c) - 1)::INTEGER AS ${quoteIdent(FILE_NO)}
    FROM cut ORDER BY ${quoteIdent(FILE_NO)}, __r`);
  await engine.exec(`DROP TABLE ${ROWS}`);
  return {
    tableSql: OUT,
    fileNoSql: quoteIdent(FILE_NO),
    rowsOf: (fileNo) => ({ sql: `${quoteIdent(FILE_NO)} = ?`, params: [fileNo] }),
  };
}

interface FilePlan {
  fileNo: number;
  numRecords: number;
  partitionValues: Record<string, string | null>;
  stats: string;
}

function statsKind(field: SparkField): StatsKind {
  if (!hasMinMax(field.type) || typeof field.type !== 'string') return 'none';
  if (field.type === 'string') return 'string';
  if (field.type === 'date') return 'date';
  if (field.type === 'timestamp' || field.type === 'timestamp_ntz') return 'timestamp';
  return 'number';
}

/** Rows, partition values and min/max/null counts of every file, in one GROUP BY. */
async function fileStats(engine: SqlEngine, target: WriteTarget, cut: FileCut): Promise<FilePlan[]> {
  const dataFields = target.schema.filter((f) => !target.partitionColumns.includes(f.name));
  const select = [`${cut.fileNoSql} AS f`, 'count(*)::BIGINT AS n'];
  target.partitionColumns.forEach((column, i) =>
    select.push(`min(CAST(${quoteIdent(column)} AS VARCHAR)) AS p${i}`),
  );
  dataFields.forEach((field, i) => {
    const column = quoteIdent(field.name);
    if (statsKind(field) !== 'none') {
      select.push(`CAST(min(${column}) AS VARCHAR) AS min${i}`, `CAST(max(${column}) AS VARCHAR) AS max${i}`);
    }
    select.push(`(count(*) - count(${column}))::BIGINT AS nulls${i}`);
  });
  const rows = await engine.query(`SELECT ${select.join(', ')} FROM ${cut.tableSql} GROUP BY f ORDER BY f`);
  return rows.map((row) => ({
    fileNo: Number(row.f),
    numRecords: Number(row.n),
    partitionValues: Object.fromEntries(
      target.partitionColumns.map((column, i) => [column, partitionValue(row[`p${i}`] as string | null)]),
    ),
    stats: statsJson(
      Number(row.n),
      dataFields.map((field, i) => ({
        name: field.name,
        kind: statsKind(field),
        stats: {
          min: (row[`min${i}`] as string | null | undefined) ?? null,
          max: (row[`max${i}`] as string | null | undefined) ?? null,
          nulls: Number(row[`nulls${i}`]),
        },
      })),
    ),
  }));
}
