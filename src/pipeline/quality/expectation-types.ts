/**
 * What happens to the rows an expectation finds:
 * - warn: recorded only;
 * - drop: the rows leave the output;
 * - quarantine: the rows leave the output and go to the model's quarantine table with the reason;
 * - fail: the model's output is not committed, nothing downstream runs, the previous version stays.
 */
export type ExpectationAction = 'warn' | 'drop' | 'quarantine' | 'fail';

interface ExpectationBase {
  action: ExpectationAction;
  /** Shown in results; defaults to the type and its arguments, e.g. `not_null(order_id)`. */
  name?: string;
  /** Why the check exists, shown to the user with a finding. */
  description?: string;
}

/** The column is never NULL. */
export interface NotNullExpectation extends ExpectationBase {
  type: 'not_null';
  column: string;
}

/** No two rows share these columns' values (rows with a NULL in them are not compared). */
export interface UniqueExpectation extends ExpectationBase {
  type: 'unique';
  columns: string[];
}

/** The column holds one of these values (NULL passes; not_null checks it). */
export interface AcceptedValuesExpectation extends ExpectationBase {
  type: 'accepted_values';
  column: string;
  values: string[];
}

/** Every non-NULL value of `column` exists in `to`.`field` (a foreign key). `to` must be an input. */
export interface RelationshipsExpectation extends ExpectationBase {
  type: 'relationships';
  column: string;
  to: string;
  field: string;
}

/** The column lies within [min, max] (either bound may be left out; NULL passes). */
export interface RangeExpectation extends ExpectationBase {
  type: 'range';
  column: string;
  min?: number | string;
  max?: number | string;
}

/** The output has between min and max rows. A table-level check: its action is warn or fail. */
export interface RowCountExpectation extends ExpectationBase {
  type: 'row_count';
  min?: number;
  max?: number;
}

/**
 * A free SQL condition every row must meet (a row fails when it is false or NULL). The row under
 * test is aliased `t`, so a subquery can refer to it: `exists (select 1 from x where x.id = t.id)`.
 */
export interface ExpressionExpectation extends ExpectationBase {
  type: 'expression';
  sql: string;
  name: string;
}

/** One data quality check of a model. */
export type Expectation =
  | NotNullExpectation
  | UniqueExpectation
  | AcceptedValuesExpectation
  | RelationshipsExpectation
  | RangeExpectation
  | RowCountExpectation
  | ExpressionExpectation;
