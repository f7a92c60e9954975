import type { SqlEngine } from '../../engine/types';
import { duckType } from '../delta/schema';
import type { WriteTarget } from './file-plan';

/**
 * Whether a write can take `table` (a quoted DuckDB table name) as its rows as it stands, instead
 * of copying them: it has the target's columns, each already of the table's DuckDB type, and its
 * row ids run 0…n-1 with none deleted (files are cut by row id and numbered densely).
 */
export async function canAdoptRows(engine: SqlEngine, table: string, target: WriteTarget): Promise<boolean> {
  const columns = await engine.query<{ column_name: string; column_type: string }>(
    `DESCRIBE SELECT * FROM ${table}`,
  );
  if (columns.length !== target.schema.length) return false;
  const types = new Map(columns.map((c) => [c.column_name, c.column_type]));
  if (!target.schema.every((field) => types.get(field.name) === duckType(field.type))) return false;
  const [{ n, top }] = await engine.query<{ n: number; top: number }>(
    `SELECT count(*)::BIGINT AS n, coalesce(max(rowid) + 1, 0)::BIGINT AS top FROM ${table}`,
  );
  return Number(n) === Number(top);
}
