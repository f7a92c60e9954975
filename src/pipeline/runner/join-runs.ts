import type { PipelineRunResult } from './run-types';

/**
 * Two runs of one job told as one (the demo builds what the first charts read, then the rest):
 * each model as the later run has it, unless the later run found it up to date because the
 * earlier one had just built it; the times add up, the later run's id and failure stand.
 */
export function joinRuns(earlier: PipelineRunResult, later: PipelineRunResult): PipelineRunResult {
  const before = new Map(earlier.models.map((m) => [m.model, m]));
  const models = later.models.map((m) => {
    const built = before.get(m.model);
    return m.status === 'up_to_date' && built && built.status !== 'up_to_date' ? built : m;
  });
  const ranLater = new Set(later.models.map((m) => m.model));
  const earlierOnly = earlier.models.filter((m) => !ranLater.has(m.model));
  const all = [...earlierOnly, ...models];
  const failure = later.failure ?? earlier.failure;
  return {
    runId: later.runId,
    startedAt: earlier.startedAt,
    elapsedMs: earlier.elapsedMs + later.elapsedMs,
    status: failure ? 'failed' : all.every((m) => m.status === 'up_to_date') ? 'up_to_date' : 'success',
    models: all,
    ...(failure ? { failure } : {}),
  };
}
