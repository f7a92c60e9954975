import { quoteIdent } from '../../engine/sql-quote';
import type { SqlEngine, SqlValue } from '../../engine/types';
import { partitionValue } from '../delta/partitions';
import { hasMinMax, type SparkField } from '../delta/schema';
import { statsJson, type StatsKind } from '../delta/stats';
import { scratchSql } from '../names';

/** The table the files are for. */
export interface WriteTarget {
  folder: string;
  schema: SparkField[];
  partitionColumns: string[];
}

/** Where the rows of each file are, and the scratch tables holding them. */
export interface FileCut {
  /** A FROM item with the rows (a table, or a join giving each row its file number). */
  fromSql: string;
  /** The file number of a row of `fromSql`. */
  fileNoSql: string;
  /**
   * A row's position in `fromSql` (its scratch table's row id): ranges of it split the rows into
   * parts of a bounded size, whatever the files (see `WrittenRows.positionSql`).
   */
  positionSql: string;
  /** ORDER BY putting the rows of `fromSql` in file order ('' when a scan already gives that order). */
  orderSql: string;
  /** Scratch tables to drop once the rows are no longer needed. */
  tables: string[];
  /** Rows of the files numbered `first` to `last`. */
  rowsOf(first: number, last: number): { sql: string; params: SqlValue[] };
}

/** One data file to write: its number, rows, partition values and Delta stats. */
export interface FilePlan {
  fileNo: number;
  numRecords: number;
  partitionValues: Record<string, string | null>;
  stats: string;
}

const OUT = scratchSql('__out');
const GROUPS = scratchSql('__groups');
/** The scratch tables cutting may create (dropped when a write fails). */
export const CUT_SCRATCH_TABLES = [OUT, GROUPS];
const FILE_NO = '__lake_fileno';
const ROW = '__lake_row';

/**
 * Number the files 0, 1, 2, …: one group per partition value (in partition value order), cut
 * every `maxRows` rows. Without partitions the files are ranges of row ids. With partitions a
 * small table numbers the partition values and a join gives each row its file, so the rows are
 * neither copied nor sorted here; only a partition value with more than `maxRows` rows needs
 * row numbers within its group, and then the rows are copied in file order.
 */
export async function cutIntoFiles(
  engine: SqlEngine,
  rowsSql: string,
  target: WriteTarget,
  maxRows: number,
): Promise<FileCut> {
  const rows = Math.max(1, Math.floor(maxRows));
  if (target.partitionColumns.length === 0) {
    return {
      fromSql: rowsSql,
      fileNoSql: `(rowid // ${rows})::INTEGER`,
      positionSql: 'rowid',
      orderSql: '',
      tables: [rowsSql],
      rowsOf: (first, last) => ({
        sql: 'rowid >= ? AND rowid < ?',
        params: [first * rows, (last + 1) * rows],
      }),
    };
  }
  const parts = target.partitionColumns.map(quoteIdent);
  const keys = parts.map((_, i) => quoteIdent(`__lake_p${i}`));
  await engine.exec(`CREATE OR REPLACE TABLE ${GROUPS} AS
    SELECT *, (sum(__files) OVER (ORDER BY ${keys.join(', ')} ROWS UNBOUNDED PRECEDING) - __files)::INTEGER AS __base
    FROM (SELECT ${parts.map((p, i) => `${p} AS ${keys[i]}`).join(', ')}, count(*) AS __n,
                 (count(*) + ${rows - 1}) // ${rows} AS __files
          FROM ${rowsSql} GROUP BY ALL)`);
  const [{ biggest }] = await engine.query<{ biggest: number | null }>(
    `SELECT max(__n)::BIGINT AS biggest FROM ${GROUPS}`,
  );
  const fileNo = quoteIdent(FILE_NO);
  const between = (first: number, last: number) => ({
    sql: `${fileNo} BETWEEN ? AND ?`,
    params: [first, last],
  });
  if (Number(biggest ?? 0) <= rows) {
    const on = parts.map((p, i) => `r.${p} IS NOT DISTINCT FROM g.${keys[i]}`).join(' AND ');
    return {
      fromSql: `(SELECT r.*, r.rowid AS ${quoteIdent(ROW)}, g.__base AS ${fileNo} FROM ${rowsSql} AS r JOIN ${GROUPS} AS g ON ${on}) AS __cut`,
      fileNoSql: fileNo,
      positionSql: quoteIdent(ROW),
      orderSql: `ORDER BY ${fileNo}, ${quoteIdent(ROW)}`,
      tables: [rowsSql, GROUPS],
      rowsOf: between,
    };
  }
  await engine.exec(`DROP TABLE ${GROUPS}`);
  await engine.exec(`CREATE OR REPLACE TABLE ${OUT} AS
    WITH cut AS (
      SELECT *, rowid AS __r, dense_rank() OVER (ORDER BY ${parts.join(', ')}) AS __g,
             (row_number() OVER (PARTITION BY ${parts.join(', ')} ORDER BY rowid) - 1) // ${rows} AS __c
      FROM ${rowsSql})
    SELECT * EXCLUDE (__r, __g, __c), (dense_rank() OVER (ORDER BY __g, __c) - 1)::INTEGER AS ${fileNo}
    FROM cut ORDER BY ${fileNo}, __r`);
  await engine.exec(`DROP TABLE ${rowsSql}`);
  return {
    fromSql: OUT,
    fileNoSql: fileNo,
    positionSql: 'rowid',
    orderSql: '',
    tables: [OUT],
    rowsOf: between,
  };
}

function statsKind(field: SparkField): StatsKind {
  if (!hasMinMax(field.type) || typeof field.type !== 'string') return 'none';
  if (field.type === 'string') return 'string';
  if (field.type === 'date') return 'date';
  if (field.type === 'timestamp' || field.type === 'timestamp_ntz') return 'timestamp';
  return 'number';
}

/** Rows, partition values and min/max/null counts of every file, in one GROUP BY, in file order. */
export async function planFiles(engine: SqlEngine, target: WriteTarget, cut: FileCut): Promise<FilePlan[]> {
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
  const rows = await engine.query(`SELECT ${select.join(', ')} FROM ${cut.fromSql} GROUP BY f ORDER BY f`);
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

/**
 * Consecutive runs of files to export from DuckDB in one query each: as many files as fit in
 * `maxRows` rows (at least one), so many small files cost one query and a big one stays alone.
 */
export function exportGroups(files: FilePlan[], maxRows: number): FilePlan[][] {
  const groups: FilePlan[][] = [];
  let current: FilePlan[] = [];
  let rows = 0;
  for (const file of files) {
    if (current.length > 0 && rows + file.numRecords > maxRows) {
      groups.push(current);
      current = [];
      rows = 0;
    }
    current.push(file);
    rows += file.numRecords;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
