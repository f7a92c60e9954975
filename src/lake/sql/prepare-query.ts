import { quoteIdent } from '../../engine/sql-quote';
import { tableNotFound } from '../errors';
import type { Lake } from '../lake';
import { LAKE_SCHEMA, parseTableName } from '../names';
import { findReferences, type TableReference } from './references';
import { meaningful, tokenize, type Token } from './tokenizer';

/** Layers whose `layer.name` always means a lake table. */
export const LAKE_LAYERS = new Set(['bronze', 'silver', 'gold']);

/**
 * Load the lake tables a query names, and replace each `t VERSION AS OF n` / `t TIMESTAMP AS OF '…'`
 * by a scratch table holding that version (aliased as the table, so `orders.col` still works).
 */
export async function prepareQuery(lake: Lake, text: string): Promise<{ sql: string; scratch: string[] }> {
  const tokens = meaningful(tokenize(text));
  const references = findReferences(tokens);
  const tables = new Set(await lake.tablesIn(text));
  for (const reference of references) {
    const layer = reference.table.split('.')[0];
    if (
      !tables.has(reference.table) &&
      (LAKE_LAYERS.has(layer) || reference.timeTravel) &&
      !isColumnOf(tokens, reference)
    ) {
      throw tableNotFound(reference.table);
    }
  }
  for (const table of tables) await lake.ensureLoaded(table);
  let sql = '';
  let at = 0;
  const scratch: string[] = [];
  for (const reference of references) {
    if (!reference.timeTravel || !tables.has(reference.table)) continue;
    const version = await lake.resolveVersion(reference.table, reference.timeTravel);
    const name = `tt_${reference.table.replace('.', '__')}_v${version}`;
    const qualified = `${quoteIdent(LAKE_SCHEMA)}.${quoteIdent(name)}`;
    if (!scratch.includes(qualified)) {
      await lake.loadVersion(reference.table, { version }, `${LAKE_SCHEMA}.${name}`);
      scratch.push(qualified);
    }
    const alias = reference.hasAlias ? '' : ` AS ${quoteIdent(parseTableName(reference.table).name)}`;
    sql += text.slice(at, tokens[reference.first].start) + qualified + alias;
    at = tokens[reference.last].end;
  }
  return { sql: sql + text.slice(at), scratch };
}

/** `o.order_id` in a select list is a column, not a table: only names after FROM/JOIN/INTO/… are tables. */
function isColumnOf(tokens: Token[], reference: TableReference): boolean {
  const before = tokens[reference.first - 1]?.text.toUpperCase();
  return !['FROM', 'JOIN', 'INTO', 'TABLE', 'UPDATE', 'USING', ','].includes(before ?? '');
}
