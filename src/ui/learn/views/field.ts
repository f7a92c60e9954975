import type { QueryResult } from '../../../engine/types';

/** One field of a record as a step draws it. */
export interface Field {
  name: string;
  value: unknown;
  /** The SQL type, shown small beside the name (text in Bronze, typed in Silver). */
  type?: string;
  mark?: 'new' | 'changed' | 'closed' | 'key';
}

/** The fields of one row of a result, with each column's type; `marks` picks fields to stand out. */
export function fieldsOf(result: QueryResult, index = 0, marks: Record<string, Field['mark']> = {}): Field[] {
  const row = result.rows[index] ?? {};
  return result.columns.map((c) => ({ name: c.name, value: row[c.name], type: c.type, mark: marks[c.name] }));
}
