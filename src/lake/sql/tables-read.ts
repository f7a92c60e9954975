import { findReferences } from './references';
import { meaningful, tokenize } from './tokenizer';

/** A table a query reads: its latest version, or one fixed by `VERSION AS OF` / `TIMESTAMP AS OF`. */
export interface TableRead {
  table: string;
  /** True when time travel fixes the version read: later commits do not change the answer. */
  pinned: boolean;
}

/**
 * The `layer.name` tables a SELECT reads after FROM or JOIN (the lake's own reference finder, as
 * the console uses), each once, in the order they first appear. Names elsewhere (`o.order_id` in a
 * select list) are not tables, and neither is a table after a comma: write comma joins as JOIN.
 * Pure: it does not check that the tables exist.
 */
export function tablesRead(sql: string): TableRead[] {
  const tokens = meaningful(tokenize(sql));
  const found = new Map<string, TableRead>();
  for (const reference of findReferences(tokens)) {
    const before = tokens[reference.first - 1]?.text.toUpperCase();
    if (before !== 'FROM' && before !== 'JOIN') continue;
    const read = { table: reference.table, pinned: reference.timeTravel !== undefined };
    const key = `${read.table}:${read.pinned}`;
    if (!found.has(key)) found.set(key, read);
  }
  return [...found.values()];
}
