import { LakehouseError } from '../../engine/errors';
import { quoteIdent, quoteQualified } from '../../engine/sql-quote';
import { BRONZE_META_COLUMNS, BRONZE_SOURCE_COLUMNS, isBronzeTable } from '../bronze-tables';
import type { ModelStore, PipelineSql } from '../model-store';

// Marks an empty stand-in, so it is told apart from a loaded table by the catalog alone.
const PLACEHOLDER_COMMENT = 'pocket-lakehouse: empty stand-in for a Bronze table not ingested yet';

/**
 * Make an input queryable and return the version read. A Bronze table that was never ingested
 * (e.g. no clickstream yet) reads as an empty table of its contract shape, version -1, so the
 * models over it still run; any other missing input is an error naming what to run first.
 */
export async function loadInput(store: ModelStore, table: string): Promise<number> {
  const version = await store.latestVersion(table);
  if (version >= 0) {
    await dropPlaceholder(store.sql, table);
    return store.ensureLoaded(table);
  }
  if (!isBronzeTable(table)) {
    throw new LakehouseError(
      'MissingInput',
      `${table} does not exist yet: run the models that build it first`,
      {
        table,
      },
    );
  }
  await createPlaceholder(store.sql, table);
  return -1;
}

async function createPlaceholder(sql: PipelineSql, table: string): Promise<void> {
  const [schema] = table.split('.');
  const columns = [
    ...BRONZE_SOURCE_COLUMNS[table].map((name) => `${quoteIdent(name)} VARCHAR`),
    ...BRONZE_META_COLUMNS.map((c) => `${quoteIdent(c.name)} ${c.type}`),
  ];
  await sql.exec(`create schema if not exists ${quoteIdent(schema)}`);
  if (await isPlaceholder(sql, table)) return;
  await sql.exec(`create or replace table ${quoteQualified(table)} (${columns.join(', ')})`);
  // COMMENT ON cannot take parameters; the text is our own constant.
  await sql.exec(`comment on table ${quoteQualified(table)} is '${PLACEHOLDER_COMMENT}'`);
}

async function dropPlaceholder(sql: PipelineSql, table: string): Promise<void> {
  if (await isPlaceholder(sql, table)) await sql.exec(`drop table ${quoteQualified(table)}`);
}

async function isPlaceholder(sql: PipelineSql, table: string): Promise<boolean> {
  const [schema, name] = table.split('.');
  const rows = await sql.query(
    `select 1 from duckdb_tables() where schema_name = ? and table_name = ? and comment = ?`,
    [schema, name, PLACEHOLDER_COMMENT],
  );
  return rows.length > 0;
}
