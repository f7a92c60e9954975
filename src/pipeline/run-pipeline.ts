import { LakehouseError } from '../engine/errors';
import type { LakeApi } from '../lake/lake-api';
import type { PipelineSql } from './model-store';
import { PipelineRunner, type RunOptions } from './runner/pipeline-runner';
import type { PipelineRunResult } from './runner/run-types';
import { LakeModelStore } from './store/lake-model-store';

/**
 * Run the pipeline over the lake: what is new, Bronze -> Gold (or the selected models). Resolves
 * with what each model did; rejects with `PipelineFailed`, naming the model and why, when one
 * failed (the models that did not depend on it have still run and committed).
 */
export async function runPipelineOnLake(
  lake: LakeApi,
  sql: PipelineSql,
  options: RunOptions = {},
): Promise<PipelineRunResult> {
  const result = await new PipelineRunner(new LakeModelStore(lake, sql)).run(options);
  if (result.failure) {
    throw new LakehouseError('PipelineFailed', `${result.failure.model} failed: ${result.failure.reason}`, {
      runId: result.runId,
      model: result.failure.model,
      models: result.models.map((m) => ({ model: m.model, status: m.status, error: m.error ?? null })),
    });
  }
  return result;
}
