import type { LatestModelRun } from '../../pipeline/runner/lineage';
import type { ModelDefinition } from '../../pipeline/types';
import type { EngineApi } from '../../service/contract';
import type { QueryCoordinator } from '../query/coordinator';
import { errorMessage } from '../../engine/error-message';

/** Where the Pipeline screen gets its data (the engine worker's pipeline namespace, injected). */
export type PipelineSource = Pick<EngineApi['pipeline'], 'models' | 'latestRuns'>;

/** State of the Pipeline screen: the models, the latest run of each, every table's version. */
export class PipelineScreenModel {
  models = $state<ModelDefinition[]>([]);
  latest = $state<Record<string, LatestModelRun>>({});
  /** Latest version of each table, moved on by every commit (live during a run). */
  versions = $state<Record<string, number>>({});
  error = $state<string | null>(null);

  constructor(private readonly source: PipelineSource) {}

  async load(): Promise<void> {
    try {
      if (this.models.length === 0) this.models = await this.source.models();
      const runs = await this.source.latestRuns();
      this.latest = Object.fromEntries(runs.map((r) => [r.model, r]));
      this.error = null;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  /** Follow the lake's commits for these tables; returns the function that stops following. */
  follow(queries: QueryCoordinator, tables: readonly string[]): () => void {
    const read = () => {
      const known: Record<string, number> = {};
      for (const table of tables) {
        const version = queries.version(table);
        if (version !== undefined) known[table] = version;
      }
      this.versions = known;
    };
    read();
    return queries.onCommit((event) => {
      if (event.kind === 'commit') this.versions[event.table] = event.version;
      else read();
    });
  }
}

/** How a write mode reads in the model list. */
export function describeWrite(model: ModelDefinition): string {
  const { write } = model;
  const mode = write.mode === 'merge' ? `merge on ${write.keys.join(', ')}` : write.mode;
  return model.partitionBy?.length ? `${mode}, partitioned by ${model.partitionBy.join(', ')}` : mode;
}
