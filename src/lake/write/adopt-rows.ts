import type { SqlEngine } from '../../engine/types';
import { duckType } from '../delta/schema';
import type { WriteTarget } from './file-plan';

/**
 * Whether a write can take `table` (a quoted DuckDB table name) as its rows as it stands, instead
 * of copying them: it has the target's columns, each already of the table's DuckDB type, and, for
 * a table without partitions, its row ids run 0…n-1 with none deleted (such files are cut by row
 * id and numbered densely). Partitioned files are cut by partition value, where row ids only keep
 * the rows' order, so deleted rows (a model's quarantined ones) do not stop the adoption.
 */
export async function canAdoptRows(engine: SqlEngine, table: string, target: WriteTarget): Promise<boolean> {
  const columns = await engine.query<{ column_name: string; column_type: string }>(
    `DESCRIBE SELECT * FROM ${table}`,
  );
  if (columns.length !== target.schema.length) return false;
  const types = new Map(columns.map((c) => [c.column_name, c.column_type]));
  if (!target.schema.every((field) => types.get(field.name) === duckType(field.type))) return false;
  if (target.partitionColumns.length > 0) return true;
  const [{ n, top }] = await engine.query<{ n: number; top: number }>(
    `SELECT count(*)::BIGINT AS n, coalesce(max(rowid) + 1, 0)::BIGINT AS top FROM ${table}`,
  );
  return Number(n) === Number(top);
}
