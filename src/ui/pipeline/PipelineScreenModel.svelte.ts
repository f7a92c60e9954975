import type { LatestModelRun } from '../../pipeline/runner/lineage';
import type { ModelDefinition } from '../../pipeline/types';

/** Where the Pipeline screen gets its data (the engine worker, injected). */
export interface PipelineSource {
  pipelineModels(): Promise<ModelDefinition[]>;
  pipelineLatestRuns(): Promise<LatestModelRun[]>;
}

/** State of the Pipeline screen: the models and the latest run of each. */
export class PipelineScreenModel {
  models = $state<ModelDefinition[]>([]);
  latest = $state<Record<string, LatestModelRun>>({});
  error = $state<string | null>(null);

  constructor(private readonly source: PipelineSource) {}

  async load(): Promise<void> {
    try {
      if (this.models.length === 0) this.models = await this.source.pipelineModels();
      const runs = await this.source.pipelineLatestRuns();
      this.latest = Object.fromEntries(runs.map((r) => [r.model, r]));
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}

/** How a write mode reads in the model list. */
export function describeWrite(model: ModelDefinition): string {
  const { write } = model;
  const mode = write.mode === 'merge' ? `merge on ${write.keys.join(', ')}` : write.mode;
  return model.partitionBy?.length ? `${mode}, partitioned by ${model.partitionBy.join(', ')}` : mode;
}
