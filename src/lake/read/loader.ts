import { LakehouseError } from '../../engine/errors';
import type { ParquetCodec } from '../../engine/parquet-codec';
import { quoteIdent } from '../../engine/sql-quote';
import type { SqlEngine, SqlValue } from '../../engine/types';
import { decodeLogPath, type AddFile } from '../delta/actions';
import { duckType, type SparkField } from '../delta/schema';
import { dataFileMissing } from '../errors';
import { FILE_ID_COLUMN, LAKE_SCHEMA, scratchSql } from '../names';
import { joinPath, type Storage } from '../storage/types';

/** What loading needs. */
export interface LoadContext {
  engine: SqlEngine;
  parquet: ParquetCodec;
  storage: Storage;
}

/** Which table version the files belong to, for types, partition values and messages. */
export interface LoadSource {
  /** `layer.name`, for messages. */
  table: string;
  version: number;
  folder: string;
  schema: SparkField[];
  partitionColumns: string[];
}

const STAGE = '__stage';

/** Create an empty DuckDB table with the schema's columns (and the file-id column when asked). */
export async function createTypedTable(
  engine: SqlEngine,
  tableSql: string,
  schema: SparkField[],
  withFileId: boolean,
): Promise<void> {
  const columns = schema.map((f) => `${quoteIdent(f.name)} ${duckType(f.type)}`);
  if (withFileId) columns.push(`${quoteIdent(FILE_ID_COLUMN)} INTEGER`);
  await engine.exec(`CREATE OR REPLACE TABLE ${tableSql} (${columns.join(', ')})`);
}

/**
 * Append data files to a DuckDB table: each file goes through parquet-wasm into a staging table,
 * then into the target with its partition values added back (cast to the column's type) and, when
 * `fileIds` is given, the id of the file it came from.
 */
export async function appendFiles(
  context: LoadContext,
  source: LoadSource,
  files: AddFile[],
  targetSql: string,
  fileIds?: number[],
): Promise<void> {
  // Read the next file from storage while this one is decoded and inserted.
  let next = files.length > 0 ? prefetch(context, source, files[0]) : null;
  for (let i = 0; i < files.length; i++) {
    const bytes = await next!;
    next = i + 1 < files.length ? prefetch(context, source, files[i + 1]) : null;
    if (files[i].size === 0 || bytes.byteLength === 0) continue;
    await context.engine.createTableFromArrow(
      `${LAKE_SCHEMA}.${STAGE}`,
      decode(context, source, files[i], bytes),
    );
    const staged = await context.engine.query<{ name: string; type: string }>(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns
       WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position`,
      [LAKE_SCHEMA, STAGE],
    );
    const { select, params } = selectList(source, files[i], staged);
    if (fileIds) {
      select.push('?');
      params.push(fileIds[i]);
    }
    await context.engine.exec(
      `INSERT INTO ${targetSql} SELECT ${select.join(', ')} FROM ${scratchSql(STAGE)}`,
      params,
    );
  }
  await context.engine.exec(`DROP TABLE IF EXISTS ${scratchSql(STAGE)}`);
}

function selectList(source: LoadSource, file: AddFile, staged: { name: string; type: string }[]) {
  const select: string[] = [];
  const params: SqlValue[] = [];
  const byName = new Map(staged.map((c) => [c.name, c]));
  const byLowerName = new Map(staged.map((c) => [c.name.toLowerCase(), c]));
  for (const field of source.schema) {
    const type = duckType(field.type);
    if (source.partitionColumns.includes(field.name)) {
      select.push(`CAST(? AS ${type})`);
      params.push(file.partitionValues[field.name] ?? null);
      continue;
    }
    const column = byName.get(field.name) ?? byLowerName.get(field.name.toLowerCase());
    if (!column)
      select.push(`CAST(NULL AS ${type})`); // a column added after this file was written
    else if (column.type === type) select.push(quoteIdent(column.name));
    else select.push(`CAST(${quoteIdent(column.name)} AS ${type})`);
  }
  return { select, params };
}

function prefetch(context: LoadContext, source: LoadSource, file: AddFile): Promise<Uint8Array> {
  const bytes = readFile(context, source, file);
  bytes.catch(() => {}); // awaited later; this only keeps an early failure from being reported as unhandled
  return bytes;
}

async function readFile(context: LoadContext, source: LoadSource, file: AddFile): Promise<Uint8Array> {
  const path = joinPath(source.folder, decodeLogPath(file.path));
  try {
    return await context.storage.read(path);
  } catch (error) {
    if (error instanceof LakehouseError && error.name === 'FileNotFound')
      throw dataFileMissing(source.table, source.version, decodeLogPath(file.path));
    throw error;
  }
}

function decode(context: LoadContext, source: LoadSource, file: AddFile, bytes: Uint8Array): Uint8Array {
  try {
    return context.parquet.read(bytes);
  } catch (error) {
    throw new LakehouseError(
      'CorruptDataFile',
      `The data file ${decodeLogPath(file.path)} of ${source.table} is not readable Parquet: ${String(error)}`,
      { table: source.table, path: file.path },
    );
  }
}
