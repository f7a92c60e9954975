import { LakehouseError } from '../engine/errors';
import { quoteIdent } from '../engine/sql-quote';
import { joinPath } from './storage/types';

/** A lake table's name split into its layer (a DuckDB schema) and its own name. */
export interface TableName {
  /** `layer.name`, as users write it. */
  full: string;
  layer: string;
  name: string;
}

const PART = /^[a-z_][a-z0-9_]*$/;

/** Parse and check `layer.name`; throws `InvalidTableName` with an example when it is not one. */
export function parseTableName(table: string): TableName {
  const parts = table.split('.');
  if (parts.length !== 2 || !parts.every((p) => PART.test(p))) {
    throw new LakehouseError(
      'InvalidTableName',
      `"${table}" is not a table name: write layer.name in lower case letters, digits and _ (e.g. silver.orders)`,
      { table },
    );
  }
  return { full: table, layer: parts[0], name: parts[1] };
}

/** The storage folder of the lake's tables (in the browser, under OPFS_FOLDER). */
export const LAKE_ROOT = 'tables';

/** The folder of a table in storage: `<root>/<layer>/<name>`. */
export function tableFolder(root: string, table: TableName): string {
  return joinPath(root, table.layer, table.name);
}

/** The folder of a table's Delta log. */
export function logFolder(root: string, table: TableName): string {
  return joinPath(tableFolder(root, table), '_delta_log');
}

/** DuckDB schema holding the lake's own tables (loaded data, staging, time-travel copies). */
export const LAKE_SCHEMA = '__lake';

/** Hidden column of a loaded table: which data file each row came from. */
export const FILE_ID_COLUMN = '__lake_file';

/**
 * DuckDB database (attached in memory with COMPRESS) holding the loaded copies, in its own
 * LAKE_SCHEMA: DuckDB compresses its tables as it does a database file's (dictionary, FSST,
 * bit-packing), so a loaded copy takes a fraction of a plain in-memory table's space (1M event-like
 * rows: 26 MB against 176 MB). Scratch tables stay in the main in-memory database.
 */
export const LAKE_DATABASE = '__lake_tables';

/** The statements that make LAKE_SCHEMA and the loaded copies' database (idempotent). */
export const LAKE_SETUP_SQL = [
  `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(LAKE_SCHEMA)}`,
  `ATTACH IF NOT EXISTS ':memory:' AS ${quoteIdent(LAKE_DATABASE)} (COMPRESS)`,
  `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(LAKE_DATABASE)}.${quoteIdent(LAKE_SCHEMA)}`,
];

/** Quoted DuckDB name of the table holding the loaded rows (with FILE_ID_COLUMN). */
export function loadedTableSql(table: TableName): string {
  return `${quoteIdent(LAKE_DATABASE)}.${quoteIdent(LAKE_SCHEMA)}.${quoteIdent(table.full)}`;
}

/**
 * Quoted DuckDB name of the loaded copy a whole-table write builds before its commit (see
 * `TableCache.replacementOf`), beside the loaded tables so that it can be renamed into place.
 */
export function replacementTableSql(table: TableName): string {
  return `${quoteIdent(LAKE_DATABASE)}.${quoteIdent(LAKE_SCHEMA)}.${quoteIdent(`__replacement.${table.full}`)}`;
}

/** Quoted DuckDB name of the view users query: `layer.name`. */
export function viewSql(table: TableName): string {
  return `${quoteIdent(table.layer)}.${quoteIdent(table.name)}`;
}

/** Quoted DuckDB name of a scratch table of the lake (staging, work tables). */
export function scratchSql(name: string): string {
  return `${quoteIdent(LAKE_SCHEMA)}.${quoteIdent(name)}`;
}
