import type { Row } from '../../engine/types';
import type { ModelStore } from '../model-store';
import type { ExpectationAction } from './expectation-types';
import { toValidationResult, type ValidationResult } from './expectation-result';

interface StoredResult extends Row {
  run_id: string;
  model: string;
  expectation: string;
  expectation_type: string;
  action: ExpectationAction;
  success: boolean;
  rows_checked: number;
  rows_failing: number;
  failing_sample: string;
  kwargs: string;
  description: string | null;
}

/**
 * A run's stored expectation results (the latest run when none is named) as Great Expectations
 * validation results, one per model: success, statistics, results. Empty before the first run.
 */
export async function readValidationResults(store: ModelStore, runId?: string): Promise<ValidationResult[]> {
  if ((await store.latestVersion('meta.quality_results')) < 0) return [];
  await store.ensureLoaded('meta.quality_results');
  const rows = await store.sql.query<StoredResult>(
    `select * from meta.quality_results
     where run_id = coalesce(?, (select max_by(run_id, checked_at) from meta.quality_results))
     order by model, expectation_index`,
    [runId ?? null],
  );
  const byModel = new Map<string, StoredResult[]>();
  for (const row of rows) byModel.set(row.model, [...(byModel.get(row.model) ?? []), row]);
  return [...byModel].map(([model, results]) =>
    toValidationResult(
      results[0].run_id,
      model,
      results.map((r) => ({
        expectation: r.expectation,
        action: r.action,
        success: r.success,
        rowsChecked: r.rows_checked,
        rowsFailing: r.rows_failing,
        sample: JSON.parse(r.failing_sample) as Row[],
        kwargs: JSON.parse(r.kwargs) as Record<string, unknown>,
        greatExpectationsType: r.expectation_type,
        description: r.description ?? undefined,
      })),
    ),
  );
}
