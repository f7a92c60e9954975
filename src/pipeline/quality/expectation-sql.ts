import type { SqlValue } from '../../engine/types';
import { quoteIdent, quoteQualified } from '../../engine/sql-quote';
import type { Expectation } from './expectation-types';

/** A row-level check as SQL: `predicate` is true for a failing row of `<table> as t`. */
export interface RowCheck {
  kind: 'rows';
  predicate: string;
  params: SqlValue[];
}

/** A table-level check: the row count must lie within bounds. */
export interface CountCheck {
  kind: 'count';
  min?: number;
  max?: number;
}

/** The name results show for an expectation, e.g. `not_null(order_id)`. */
export function expectationName(expectation: Expectation): string {
  if (expectation.name) return expectation.name;
  switch (expectation.type) {
    case 'unique':
      return `unique(${expectation.columns.join(', ')})`;
    case 'row_count':
      return `row_count(${expectation.min ?? ''}..${expectation.max ?? ''})`;
    case 'relationships':
      return `relationships(${expectation.column} -> ${expectation.to}.${expectation.field})`;
    case 'expression':
      return expectation.name;
    default:
      return `${expectation.type}(${expectation.column})`;
  }
}

/** Why a failing row fails, in words, stored with quarantined rows. */
export function failureReason(expectation: Expectation): string {
  switch (expectation.type) {
    case 'not_null':
      return `${expectation.column} is NULL`;
    case 'unique':
      return `${expectation.columns.join(', ')} is not unique`;
    case 'accepted_values':
      return `${expectation.column} is not one of ${expectation.values.join(', ')}`;
    case 'relationships':
      return `${expectation.column} is not in ${expectation.to}.${expectation.field}`;
    case 'range':
      return `${expectation.column} is outside [${expectation.min ?? '-inf'}, ${expectation.max ?? 'inf'}]`;
    case 'row_count':
      return `row count is outside [${expectation.min ?? 0}, ${expectation.max ?? 'inf'}]`;
    case 'expression':
      return `${expectation.name} does not hold: ${expectation.sql.replace(/\s+/g, ' ').trim()}`;
  }
}

/** Compile an expectation over the rows of `tableSql` (a quoted table reference, read as `t`). */
export function compileExpectation(expectation: Expectation, tableSql: string): RowCheck | CountCheck {
  const column = (name: string) => `t.${quoteIdent(name)}`;
  switch (expectation.type) {
    case 'not_null':
      return rows(`${column(expectation.column)} is null`);
    case 'unique': {
      const keys = expectation.columns.map(quoteIdent);
      const tuple = (prefix: string) => `(${keys.map((k) => prefix + k).join(', ')})`;
      const notNull = keys.map((k) => `${k} is not null`).join(' and ');
      return rows(
        `${tuple('t.')} in (select ${keys.join(', ')} from ${tableSql} ` +
          `where ${notNull} group by all having count(*) > 1)`,
      );
    }
    case 'accepted_values':
      return rows(
        `${column(expectation.column)} is not null and cast(${column(expectation.column)} as varchar) ` +
          `not in (${expectation.values.map(() => '?').join(', ')})`,
        expectation.values,
      );
    case 'relationships':
      return rows(
        `${column(expectation.column)} is not null and not exists (select 1 from ` +
          `${quoteQualified(expectation.to)} as parent where parent.${quoteIdent(expectation.field)} = ` +
          `${column(expectation.column)})`,
      );
    case 'range': {
      const bounds: string[] = [];
      const params: SqlValue[] = [];
      if (expectation.min !== undefined) {
        bounds.push(`${column(expectation.column)} < ?`);
        params.push(expectation.min);
      }
      if (expectation.max !== undefined) {
        bounds.push(`${column(expectation.column)} > ?`);
        params.push(expectation.max);
      }
      return rows(bounds.length ? `(${bounds.join(' or ')})` : 'false', params);
    }
    case 'row_count':
      return { kind: 'count', min: expectation.min, max: expectation.max };
    case 'expression':
      return rows(`not coalesce((${expectation.sql}), false)`);
  }
}

function rows(predicate: string, params: SqlValue[] = []): RowCheck {
  return { kind: 'rows', predicate, params };
}

/** The expectation's arguments, as Great Expectations shows them (`kwargs`). */
export function expectationKwargs(expectation: Expectation): Record<string, unknown> {
  const { type: _type, action: _action, name: _name, description: _description, ...kwargs } = expectation;
  return kwargs;
}

/** The Great Expectations type an expectation corresponds to. */
export function greatExpectationsType(expectation: Expectation): string {
  switch (expectation.type) {
    case 'not_null':
      return 'expect_column_values_to_not_be_null';
    case 'unique':
      return expectation.columns.length === 1
        ? 'expect_column_values_to_be_unique'
        : 'expect_compound_columns_to_be_unique';
    case 'accepted_values':
      return 'expect_column_values_to_be_in_set';
    case 'relationships':
      return 'expect_column_values_to_be_in_table';
    case 'range':
      return 'expect_column_values_to_be_between';
    case 'row_count':
      return 'expect_table_row_count_to_be_between';
    case 'expression':
      return 'unexpected_rows_expectation';
  }
}
