import { tablesReadBySql } from '../sql-reads';
import type { Expectation } from './expectation-types';

/** The tables an expectation reads besides the rows it checks (`layer.name`). */
export function tablesReadBy(expectation: Expectation): string[] {
  if (expectation.type === 'relationships') return [expectation.to];
  if (expectation.type !== 'expression') return [];
  return tablesReadBySql(expectation.sql);
}
