import { tableFromIPC, type Field } from 'apache-arrow';
import { SMALL_REQUEST_BYTES } from '../../engine/encode-worker-codec';
import { DUCKDB_ROW_GROUP_ROWS } from '../../engine/row-group';
import { isLakehouseError, LakehouseError, SqlError } from '../../engine/errors';
import type { ParquetCodec } from '../../engine/parquet-codec';
import { quoteIdent } from '../../engine/sql-quote';
import type { SqlEngine } from '../../engine/types';
import { decodeLogPath, type AddFile } from '../delta/actions';
import { columnMappingMode, type ColumnMappingMode } from '../delta/column-mapping';
import { duckType, type SparkField } from '../delta/schema';
import type { Snapshot } from '../delta/snapshot';
import { dataFileMissing, noSchema } from '../errors';
import { FILE_ID_COLUMN, LAKE_SCHEMA, scratchSql } from '../names';
import type { Storage } from '../storage/types';
import { loadDeletedRows, notDeletedSql } from './deletion-filter';
import { MissingFieldIds, fileSelectList } from './file-columns';
import { resolveTablePath } from './table-paths';

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
  /** How data files name their columns (default: by the schema's names). */
  columnMapping?: ColumnMappingMode;
}

/** The load source of a snapshot. */
export function loadSourceOf(table: string, snapshot: Snapshot): LoadSource {
  return {
    table,
    version: snapshot.version,
    folder: snapshot.folder,
    schema: snapshot.schema,
    partitionColumns: snapshot.metadata.partitionColumns,
    columnMapping: columnMappingMode(snapshot.protocol, snapshot.metadata),
  };
}

const STAGE = '__stage';
const DELETED = '__deleted_rows';

/** Create an empty DuckDB table with the schema's columns (and the file-id column when asked). */
export async function createTypedTable(
  engine: SqlEngine,
  tableSql: string,
  schema: SparkField[],
  withFileId: boolean,
  table?: { name: string; version: number },
): Promise<void> {
  if (schema.length === 0) throw noSchema(table?.name ?? tableSql, table?.version ?? -1);
  const columns = schema.map((f) => `${quoteIdent(f.name)} ${duckType(f.type)}`);
  if (withFileId) columns.push(`${quoteIdent(FILE_ID_COLUMN)} INTEGER`);
  await engine.exec(`CREATE OR REPLACE TABLE ${tableSql} (${columns.join(', ')})`);
}

/**
 * Append data files to a DuckDB table: each file goes through parquet-wasm into a staging table,
 * then into the target as the table's logical columns (see `fileSelectList`: column mapping,
 * partition values added back), without the rows its deletion vector removes and, when `fileIds`
 * is given, with the id of the file each row came from.
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
  try {
    for (let i = 0; i < files.length; i++) {
      const bytes = await next!;
      next = i + 1 < files.length ? prefetch(context, source, files[i + 1]) : null;
      if (files[i].size === 0 || bytes.byteLength === 0) continue;
      await appendFile(context, source, files[i], bytes, targetSql, fileIds?.[i]);
    }
  } finally {
    await context.engine.exec(`DROP TABLE IF EXISTS ${scratchSql(STAGE)}`);
    await context.engine.exec(`DROP TABLE IF EXISTS ${scratchSql(DELETED)}`);
  }
}

/**
 * Rows of a data file decoded and inserted at a time. Smaller batches keep parquet-wasm's heap and
 * the staging table small (both live in WebAssembly memory, which never shrinks) at a cost per
 * batch of one staging table and one INSERT. A whole row group of DuckDB's, so that no INSERT
 * appends to the row group the one before ended in (see DUCKDB_ROW_GROUP_ROWS).
 */
export const LOAD_BATCH_ROWS = DUCKDB_ROW_GROUP_ROWS;

/**
 * Parquet files at least this large are decoded in batches, which the codec does in its encode
 * worker when it has one: parquet-wasm's heap then grows there, where ending the worker frees it,
 * not in this worker, where it never shrinks. A smaller file is decoded here, whole, sooner.
 */
export const BATCHED_DECODE_BYTES = SMALL_REQUEST_BYTES;

/**
 * One file: decode, stage, drop deleted rows, insert as logical columns. A file with no deletion
 * vector (whose row positions count from the file's start) and more rows than LOAD_BATCH_ROWS or
 * at least BATCHED_DECODE_BYTES is decoded and inserted a batch at a time.
 */
async function appendFile(
  context: LoadContext,
  source: LoadSource,
  file: AddFile,
  bytes: Uint8Array,
  targetSql: string,
  fileId: number | undefined,
): Promise<void> {
  const large = (recordsOf(file) ?? 0) > LOAD_BATCH_ROWS || bytes.byteLength >= BATCHED_DECODE_BYTES;
  if (!file.deletionVector && large) {
    let batches = 0;
    for await (const ipc of decodeBatches(context, source, file, bytes)) {
      await stageAndInsert(context, source, file, ipc, targetSql, fileId, false);
      batches++;
    }
    if (batches > 0) return;
  }
  await stageAndInsert(context, source, file, decode(context, source, file, bytes), targetSql, fileId, true);
}

/** Stage one Arrow IPC stream of a file's rows and insert them (less those its deletion vector drops). */
async function stageAndInsert(
  context: LoadContext,
  source: LoadSource,
  file: AddFile,
  ipc: Uint8Array,
  targetSql: string,
  fileId: number | undefined,
  wholeFile: boolean,
): Promise<void> {
  const path = decodeLogPath(file.path);
  const staged = tableFromIPC(ipc).schema.fields;
  await context.engine.createTableFromArrow(`${LAKE_SCHEMA}.${STAGE}`, ipc);
  const filtered =
    wholeFile &&
    (await loadDeletedRows(
      context.engine,
      DELETED,
      file,
      (dvPath) => readTableFile(context, source, dvPath, 'deletion vector file'),
      { table: source.table, dataFile: path },
    ));
  const { select, params } = selectListOf(source, file, staged);
  if (fileId !== undefined) {
    select.push('?');
    params.push(fileId);
  }
  const where = filtered ? ` ${notDeletedSql(DELETED)}` : '';
  try {
    await context.engine.exec(
      `INSERT INTO ${targetSql} SELECT ${select.join(', ')} FROM ${scratchSql(STAGE)}${where}`,
      params,
    );
  } catch (error) {
    if (!(error instanceof SqlError)) throw error;
    throw new LakehouseError(
      'UnreadableDataFile',
      `The data file ${path} of ${source.table} (version ${source.version}) does not fit the table's schema: ${error.message}`,
      { table: source.table, path },
    );
  }
}

/** numRecords from the file's stats, when it has them. */
function recordsOf(file: AddFile): number | null {
  if (!file.stats) return null;
  try {
    const records = (JSON.parse(file.stats) as { numRecords?: unknown }).numRecords;
    return typeof records === 'number' ? records : null;
  } catch {
    return null;
  }
}

function selectListOf(source: LoadSource, file: AddFile, staged: Field[]) {
  try {
    return fileSelectList(
      {
        schema: source.schema,
        partitionColumns: source.partitionColumns,
        columnMapping: source.columnMapping ?? 'none',
      },
      file,
      staged,
    );
  } catch (error) {
    if (!(error instanceof MissingFieldIds)) throw error;
    throw new LakehouseError(
      'UnreadableDataFile',
      `The data file ${decodeLogPath(file.path)} of ${source.table} has no Parquet field ids, which column mapping ` +
        'mode "id" needs to find its columns; it is not read rather than read as NULLs.',
      { table: source.table, path: file.path },
    );
  }
}

function prefetch(context: LoadContext, source: LoadSource, file: AddFile): Promise<Uint8Array> {
  const bytes = readTableFile(context, source, file.path, 'data file');
  bytes.catch(() => {}); // awaited later; this only keeps an early failure from being reported as unhandled
  return bytes;
}

/** Read a file the log names (a data file or a deletion vector file), with a message when it is gone. */
async function readTableFile(
  context: LoadContext,
  source: LoadSource,
  logPath: string,
  what: 'data file' | 'deletion vector file',
): Promise<Uint8Array> {
  const path = await resolveTablePath(context.storage, source.folder, logPath);
  try {
    return await context.storage.read(path);
  } catch (error) {
    if (isLakehouseError(error, 'FileNotFound'))
      throw dataFileMissing(source.table, source.version, decodeLogPath(logPath), what);
    throw error;
  }
}

function decode(context: LoadContext, source: LoadSource, file: AddFile, bytes: Uint8Array): Uint8Array {
  try {
    return context.parquet.read(bytes);
  } catch (error) {
    throw corrupt(source, file, error);
  }
}

async function* decodeBatches(
  context: LoadContext,
  source: LoadSource,
  file: AddFile,
  bytes: Uint8Array,
): AsyncGenerator<Uint8Array> {
  const batches = context.parquet.readBatches(bytes, LOAD_BATCH_ROWS)[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await batches.next();
    } catch (error) {
      throw corrupt(source, file, error);
    }
    if (next.done) return;
    yield next.value;
  }
}

function corrupt(source: LoadSource, file: AddFile, error: unknown): LakehouseError {
  return new LakehouseError(
    'CorruptDataFile',
    `The data file ${decodeLogPath(file.path)} of ${source.table} is not readable Parquet: ${String(error)}`,
    { table: source.table, path: file.path },
  );
}
