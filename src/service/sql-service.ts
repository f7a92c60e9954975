import type { ColumnInfo } from '../engine/types';
import type { WithDeps } from './service-deps';

/** A table of the live catalog as the SQL editor offers it: `layer.table` and its columns with types. */
export interface CatalogTable {
  /** Qualified name, e.g. `silver.orders`. */
  name: string;
  layer: string;
  columns: ColumnInfo[];
}

/** Interactive: runs between two models of a pipeline run instead of after the whole run. */
const INTERACTIVE = { interactive: true } as const;

/** What the SQL editor asks of the worker beyond running SQL: the live catalog. */
export function createSqlService(withDeps: WithDeps) {
  return {
    /** Every table's `layer.table` name with its columns and their DuckDB types, from the Delta logs alone. */
    catalog(): Promise<CatalogTable[]> {
      return withDeps(async ({ lake }) => {
        const tables: CatalogTable[] = [];
        for (const summary of await lake.listTables()) {
          const profile = await lake.profile(summary.name);
          tables.push({
            name: summary.name,
            layer: summary.layer,
            columns: profile.columns.map((c) => ({ name: c.name, type: c.type })),
          });
        }
        return tables;
      }, INTERACTIVE);
    },
  };
}
