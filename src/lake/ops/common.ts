import { tableFromIPC } from 'apache-arrow';
import { LakehouseError } from '../../engine/errors';
import { quoteIdent } from '../../engine/sql-quote';
import type { SqlEngine, SqlValue } from '../../engine/types';
import type { AddFile, Metadata, Protocol, RemoveFile } from '../delta/actions';
import { sparkSchemaOfArrow, toSchemaString, type SparkField } from '../delta/schema';
import type { Snapshot } from '../delta/snapshot';
import { FILE_ID_COLUMN } from '../names';

/** The protocol this lake writes. */
export const PROTOCOL: Protocol = { minReaderVersion: 1, minWriterVersion: 2 };

/** The Delta schema of a query's result (columns and types, no rows computed). */
export async function schemaOfQuery(
  engine: SqlEngine,
  sql: string,
  params: SqlValue[] = [],
): Promise<SparkField[]> {
  const ipc = await engine.queryArrow(`SELECT * FROM (${sql}) AS source LIMIT 0`, params);
  const fields = sparkSchemaOfArrow(tableFromIPC(ipc).schema);
  checkColumnNames(fields.map((f) => f.name));
  return fields;
}

/** Column names must not collide with the lake's hidden columns. (DuckDB itself renames duplicates.) */
export function checkColumnNames(names: string[]): void {
  const reserved = names.find((name) => name.toLowerCase().startsWith('__lake'));
  if (reserved) {
    throw new LakehouseError('ReservedColumn', `"${reserved}" is reserved by the lake; rename the column`, {
      column: reserved,
    });
  }
}

/** A new table's metaData. */
export function newMetadata(schema: SparkField[], partitionColumns: string[], createdTime: number): Metadata {
  return {
    id: crypto.randomUUID(),
    format: { provider: 'parquet', options: {} },
    schemaString: toSchemaString(schema),
    partitionColumns,
    configuration: {},
    createdTime,
  };
}

/** Check partition columns name columns of the schema; returns them with the schema's spelling. */
export function checkPartitionColumns(table: string, schema: SparkField[], partitionBy: string[]): string[] {
  return partitionBy.map((column) => {
    const field = schema.find((f) => f.name.toLowerCase() === column.toLowerCase());
    if (!field)
      throw new LakehouseError(
        'PartitionColumnNotFound',
        `${table} cannot be partitioned by "${column}": the data has no such column (it has ${schema.map((f) => f.name).join(', ')})`,
        { table, column },
      );
    return field.name;
  });
}

/**
 * Writes into an existing table must bring exactly its columns (by name, in any order); types are
 * cast to the table's. Names the missing and the unexpected columns otherwise.
 */
export function checkSameColumns(table: string, tableSchema: SparkField[], dataSchema: SparkField[]): void {
  const have = new Set(dataSchema.map((f) => f.name.toLowerCase()));
  const want = new Set(tableSchema.map((f) => f.name.toLowerCase()));
  const missing = tableSchema.filter((f) => !have.has(f.name.toLowerCase())).map((f) => f.name);
  const extra = dataSchema.filter((f) => !want.has(f.name.toLowerCase())).map((f) => f.name);
  if (missing.length === 0 && extra.length === 0) return;
  const parts = [
    missing.length ? `missing ${missing.join(', ')}` : '',
    extra.length ? `not in the table: ${extra.join(', ')}` : '',
  ].filter(Boolean);
  throw new LakehouseError(
    'SchemaMismatch',
    `The data does not match the columns of ${table} (${parts.join('; ')}). Select exactly its columns, ` +
      'or overwrite the table to change its schema.',
    { table, missing, extra },
  );
}

/** A remove action for a live file. */
export function removeOf(add: AddFile, dataChange: boolean): RemoveFile {
  return {
    path: add.path,
    dataChange,
    extendedFileMetadata: true,
    partitionValues: add.partitionValues,
    size: add.size,
  };
}

/** `col IN (?, ?, …)` over file ids, with its parameters; `FALSE` when there are none. */
export function fileIdsIn(ids: number[]): { sql: string; params: SqlValue[] } {
  if (ids.length === 0) return { sql: 'FALSE', params: [] };
  return { sql: `${quoteIdent(FILE_ID_COLUMN)} IN (${ids.map(() => '?').join(', ')})`, params: ids };
}

/** Total size of files. */
export function bytesOf(files: AddFile[]): number {
  return files.reduce((sum, f) => sum + f.size, 0);
}

/** The quoted column list of a schema. */
export function columnList(schema: SparkField[], prefix = ''): string {
  return schema.map((f) => `${prefix}${quoteIdent(f.name)}`).join(', ');
}

/** The live files of a snapshot. */
export function liveFiles(snapshot: Snapshot | null): AddFile[] {
  return snapshot ? [...snapshot.files.values()] : [];
}
