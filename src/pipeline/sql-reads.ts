import { LAKE_LAYERS } from '../lake/sql/prepare-query';
import { findReferences } from '../lake/sql/references';
import { meaningful, tokenize } from '../lake/sql/tokenizer';

/** The lake tables (`bronze.`, `silver.`, `gold.` names) a statement reads, in order of first mention. */
export function tablesReadBySql(sql: string): string[] {
  const tables = findReferences(meaningful(tokenize(sql)))
    .map((reference) => reference.table)
    .filter((table) => LAKE_LAYERS.has(table.split('.')[0]));
  return [...new Set(tables)];
}
