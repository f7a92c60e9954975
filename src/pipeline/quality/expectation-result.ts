import type { Row } from '../../engine/types';
import type { Expectation, ExpectationAction } from './expectation-types';

/** What one expectation found in one model run. */
export interface ExpectationResult {
  /** e.g. `not_null(order_id)`. */
  expectation: string;
  type: Expectation['type'];
  action: ExpectationAction;
  success: boolean;
  /** Rows the check looked at (for row_count: the row count). */
  rowsChecked: number;
  /** Rows that broke it (for row_count: 0 or 1). */
  rowsFailing: number;
  /** Up to five failing rows. */
  sample: Row[];
  kwargs: Record<string, unknown>;
  /** The Great Expectations type it corresponds to. */
  greatExpectationsType: string;
  description?: string;
}

/** A model's checks, in the shape Great Expectations users know from a validation result. */
export interface ValidationResult {
  success: boolean;
  statistics: {
    evaluated_expectations: number;
    successful_expectations: number;
    unsuccessful_expectations: number;
    success_percent: number | null;
  };
  results: Array<{
    success: boolean;
    expectation_config: {
      expectation_type: string;
      kwargs: Record<string, unknown>;
      meta: { name: string; action: ExpectationAction; description?: string };
    };
    result: {
      element_count: number;
      unexpected_count: number;
      unexpected_percent: number | null;
      partial_unexpected_list: Row[];
    };
  }>;
  meta: { run_id: string; model: string };
}

/** Share of failing rows, in percent (NULL when nothing was checked). */
export function unexpectedPercent(
  result: Pick<ExpectationResult, 'rowsChecked' | 'rowsFailing'>,
): number | null {
  return result.rowsChecked === 0 ? null : (100 * result.rowsFailing) / result.rowsChecked;
}

/** Assemble a model's expectation results into a Great Expectations validation result. */
export function toValidationResult(
  runId: string,
  model: string,
  results: ReadonlyArray<Omit<ExpectationResult, 'type'>>,
): ValidationResult {
  const successful = results.filter((r) => r.success).length;
  return {
    success: successful === results.length,
    statistics: {
      evaluated_expectations: results.length,
      successful_expectations: successful,
      unsuccessful_expectations: results.length - successful,
      success_percent: results.length === 0 ? null : (100 * successful) / results.length,
    },
    results: results.map((r) => ({
      success: r.success,
      expectation_config: {
        expectation_type: r.greatExpectationsType,
        kwargs: r.kwargs,
        meta: { name: r.expectation, action: r.action, description: r.description },
      },
      result: {
        element_count: r.rowsChecked,
        unexpected_count: r.rowsFailing,
        unexpected_percent: unexpectedPercent(r),
        partial_unexpected_list: r.sample,
      },
    })),
    meta: { run_id: runId, model },
  };
}
