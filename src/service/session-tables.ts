import { quoteIdent } from '../engine/sql-quote';
import type { SqlEngine } from '../engine/types';
import { LAKE_SCHEMA } from '../lake/names';

/**
 * Drop what this DuckDB session built from the lakehouse's files — the layer schemas with their
 * views, and the console's own tables in `main` — so nothing stale stays queryable after a reset
 * or an import. The lake's own schema is left to the lake.
 */
export async function dropSessionTables(engine: SqlEngine): Promise<void> {
  const schemas = await engine.query<{ schema_name: string }>(
    `select schema_name from duckdb_schemas()
     where not internal and database_name = 'memory' and schema_name not in ('main', ?)`,
    [LAKE_SCHEMA],
  );
  for (const { schema_name } of schemas) await engine.exec(`drop schema ${quoteIdent(schema_name)} cascade`);
  const tables = await engine.query<{ table_name: string }>(
    `select table_name from duckdb_tables() where database_name = 'memory' and schema_name = 'main'`,
  );
  for (const { table_name } of tables) await engine.exec(`drop table ${quoteIdent(table_name)}`);
}
