import { quoteIdent } from '../../engine/sql-quote';
import type { SqlValue } from '../../engine/types';
import type { PipelineSql } from '../model-store';
import type { Expectation } from './expectation-types';
import type { ExpectationResult } from './expectation-result';
import {
  compileExpectation,
  expectationKwargs,
  expectationName,
  greatExpectationsType,
  type RowCheck,
} from './expectation-sql';

const SAMPLE_ROWS = 5;

/** An expectation with what it found and, for a row-level check, the SQL that finds its rows. */
export interface CheckedExpectation {
  expectation: Expectation;
  result: ExpectationResult;
  rowCheck?: RowCheck;
}

/** What one scan found: the rows checked, and each expectation's result. */
export interface CheckedRows {
  rowCount: number;
  checked: CheckedExpectation[];
}

/**
 * Evaluate every expectation on the rows of `tableSql` (a quoted table reference); changes nothing.
 * All of them are counted in one scan (one `count(*) FILTER (WHERE …)` per row check); only a check
 * that found rows reads its sample of failing rows.
 */
export async function checkExpectations(
  sql: PipelineSql,
  tableSql: string,
  expectations: readonly Expectation[],
): Promise<CheckedExpectation[]> {
  return (await checkRows(sql, tableSql, expectations)).checked;
}

/** checkExpectations, with the number of rows the scan counted (there are no expectations or not). */
export async function checkRows(
  sql: PipelineSql,
  tableSql: string,
  expectations: readonly Expectation[],
): Promise<CheckedRows> {
  const from = `from ${tableSql} as t`;
  const compiled = expectations.map((expectation) => compileExpectation(expectation, tableSql));
  const counts = ['count(*)::bigint as n'];
  const params: SqlValue[] = [];
  compiled.forEach((check, i) => {
    if (check.kind !== 'rows') return;
    counts.push(`(count(*) filter (where ${check.predicate}))::bigint as ${quoteIdent(`f${i}`)}`);
    params.push(...check.params);
  });
  const [found] = await sql.query<Record<string, number>>(`select ${counts.join(', ')} ${from}`, params);
  const rowCount = Number(found.n);
  const checked: CheckedExpectation[] = [];
  for (const [i, expectation] of expectations.entries()) {
    const check = compiled[i];
    const base = {
      expectation: expectationName(expectation),
      type: expectation.type,
      action: expectation.action,
      kwargs: expectationKwargs(expectation),
      greatExpectationsType: greatExpectationsType(expectation),
      description: expectation.description,
    };
    if (check.kind === 'count') {
      const inRange =
        (check.min === undefined || rowCount >= check.min) &&
        (check.max === undefined || rowCount <= check.max);
      checked.push({
        expectation,
        result: {
          ...base,
          success: inRange,
          rowsChecked: rowCount,
          rowsFailing: inRange ? 0 : 1,
          sample: [],
        },
      });
      continue;
    }
    const failing = Number(found[`f${i}`]);
    const sample =
      failing === 0
        ? []
        : await sql.query(`select t.* ${from} where ${check.predicate} limit ${SAMPLE_ROWS}`, check.params);
    checked.push({
      expectation,
      rowCheck: check,
      result: { ...base, success: failing === 0, rowsChecked: rowCount, rowsFailing: failing, sample },
    });
  }
  return { rowCount, checked };
}

/** The checks whose action is fail and that failed, with a sentence saying why. */
export function failedChecks(checked: readonly CheckedExpectation[]): string[] {
  return checked
    .filter((c) => c.expectation.action === 'fail' && !c.result.success)
    .map((c) =>
      c.expectation.type === 'row_count'
        ? `expectation ${c.result.expectation} failed: the output has ${c.result.rowsChecked} rows`
        : `expectation ${c.result.expectation} failed on ${c.result.rowsFailing} of ${c.result.rowsChecked} rows`,
    );
}
