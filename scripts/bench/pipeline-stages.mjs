// A PipelineRunResult (browser or native: the same runner) as benchmark stages: Silver and Gold
// are the sums of their models' times and output rows; each model keeps its phase timings.

/** Silver and Gold stages and the models that ran (models that were up to date are left out). */
export function pipelineStages(pipeline) {
  const models = pipeline.models
    .filter((m) => m.status === 'success' || m.status === 'failed')
    .map((m) => ({
      model: m.model,
      layer: m.layer,
      status: m.status,
      ms: m.elapsedMs,
      rowsIn: m.rowsIn,
      rowsOut: m.rowsOut,
      phaseMs: m.phaseMs ?? null,
      startedAtMs: Date.parse(`${m.startedAt.replace(' ', 'T')}Z`),
    }));
  const stages = {};
  for (const layer of ['silver', 'gold']) {
    const inLayer = models.filter((m) => m.layer === layer);
    stages[layer] = {
      ms: inLayer.reduce((sum, m) => sum + m.ms, 0),
      rows: inLayer.reduce((sum, m) => sum + m.rowsOut, 0),
      bytes: null,
    };
  }
  const failed = pipeline.models.find((m) => m.status === 'failed');
  if (failed) throw new Error(`The pipeline failed at ${failed.model}: ${failed.error ?? 'no reason given'}`);
  return { stages, models };
}
