import { findReferences } from '../../lake/sql/references';
import { meaningful, tokenize } from '../../lake/sql/tokenizer';
import type { Expectation } from './expectation-types';

/** The tables an expectation reads besides the rows it checks (`layer.name`). */
export function tablesReadBy(expectation: Expectation): string[] {
  if (expectation.type === 'relationships') return [expectation.to];
  if (expectation.type !== 'expression') return [];
  return [...new Set(findReferences(meaningful(tokenize(expectation.sql))).map((r) => r.table))];
}
