import { tableFromIPC } from 'apache-arrow';
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
    const ipc = decode(context, source, files[i], bytes);
    const staged = tableFromIPC(ipc).schema.fields.map((f) => f.name);
    await context.engine.createTableFromArrow(`${LAKE_SCHEMA}.${STAGE}`, ipc);
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

/** The file's columns by name (INSERT casts them to the table's types), partition values added back. */
function selectList(source: LoadSource, file: AddFile, staged: string[]) {
  const select: string[] = [];
  const params: SqlValue[] = [];
  const byName = new Set(staged);
  const byLowerName = new Map(staged.map((name) => [name.toLowerCase(), name]));
  for (const field of source.schema) {
    const type = duckType(field.type);
    if (source.partitionColumns.includes(field.name)) {
      select.push(`CAST(? AS ${type})`);
      params.push(file.partitionValues[field.name] ?? null);
      continue;
    }
    const column = byName.has(field.name) ? field.name : byLowerName.get(field.name.toLowerCase());
    // A column added after this file was written is NULL in its rows.
    select.push(column === undefined ? `CAST(NULL AS ${type})` : quoteIdent(column));
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
