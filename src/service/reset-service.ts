import { quoteIdent } from '../engine/sql-quote';
import { LAKE_SCHEMA } from '../lake/names';
import type { WithDeps } from './lakehouse-service';

/** Emptying the lakehouse: every table, every landing file, every DuckDB schema of ours. */
export function createResetService(withDeps: WithDeps, stopSources: () => Promise<unknown>) {
  return {
    /**
     * Delete every table (with its history), the landing zone and the checkpoints, and drop the
     * layer schemas from DuckDB. A running event stream is stopped first.
     */
    async reset(): Promise<void> {
      await stopSources();
      await withDeps(async ({ lake, storage, engine }) => {
        await lake.dropAll();
        await storage.deleteFolder('');
        const schemas = await engine.query<{ schema_name: string }>(
          `select schema_name from duckdb_schemas()
           where not internal and database_name = 'memory' and schema_name not in ('main', ?)`,
          [LAKE_SCHEMA],
        );
        for (const { schema_name } of schemas)
          await engine.exec(`drop schema ${quoteIdent(schema_name)} cascade`);
        const tables = await engine.query<{ table_name: string }>(
          `select table_name from duckdb_tables() where database_name = 'memory' and schema_name = 'main'`,
        );
        for (const { table_name } of tables) await engine.exec(`drop table ${quoteIdent(table_name)}`);
      });
    },
  };
}
