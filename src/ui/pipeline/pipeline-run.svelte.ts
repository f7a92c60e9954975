import * as Comlink from 'comlink';
import type { EngineClient } from '../engine-client';
import { joinRuns } from '../../pipeline/runner/join-runs';
import type { PipelineRunResult } from '../../pipeline/runner/run-types';
import type { PipelineProgress, PipelineRunRequest } from '../../service/contract';
import { dashboardTables } from '../dashboard/dashboard-queries';
import { dataVersion } from '../shell/data-version.svelte';
import { appStatus } from '../shell/status.svelte';
import { errorMessage } from '../../engine/error-message';

/** What the status region says once a run has finished. */
export function completionMessage(result: PipelineRunResult): string {
  const ran = result.models.filter((m) => m.status === 'success').length;
  if (ran === 0) return 'Pipeline complete: nothing new to run';
  const upToDate = result.models.length - ran;
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  return `Pipeline complete: ${ran} ${ran === 1 ? 'model' : 'models'} ran, ${upToDate} up to date, in ${seconds} s`;
}

/**
 * A run in stages (the demo: what the first charts read, then the rest): `partial` for a stage
 * with more to come (its end is not announced as "Pipeline complete"), `after` for the result of
 * the stages before, joined with this one's in what the run resolves with and announces.
 */
export interface RunStage {
  partial?: boolean;
  after?: PipelineRunResult;
}

/**
 * The one pipeline run of the page, shared by the "Run pipeline" button and
 * `window.lakehouse.runPipeline()`: says in the status region what runs, then "Pipeline complete"
 * or which model failed and why, and tells the screens showing tables to reload. A run builds the
 * tables the Dashboard reads first; each chart asks for its rows when its table's commit event
 * arrives, and the run lets those queries in between two models.
 */
class PipelineRun {
  running = $state(false);
  /** The latest progress of each model in the current or last run. */
  progress = $state<Record<string, PipelineProgress>>({});
  lastResult = $state<PipelineRunResult | null>(null);
  /** The last run's result as plain data (not the state proxy, which cannot leave the page). */
  lastRun(): PipelineRunResult | null {
    return $state.snapshot(this.lastResult);
  }
  error = $state<string | null>(null);
  /** When the last whole run that succeeded started (Date.now()), 0 before: what landed before it is built. */
  builtUpTo = $state(0);

  /** Run the pipeline (all of it, or the selection: one model, one layer, a model and what it feeds). */
  async run(
    engine: EngineClient,
    request: PipelineRunRequest = {},
    stage: RunStage = {},
  ): Promise<PipelineRunResult> {
    if (this.running) throw new Error('The pipeline is already running');
    this.running = true;
    this.error = null;
    if (!stage.after) this.progress = {};
    const startedAt = Date.now();
    appStatus.set('Running the pipeline…', 'busy');
    try {
      const result = await engine.pipeline.run(
        Comlink.proxy((p: PipelineProgress) => {
          this.progress[p.model] = p;
          if (p.status === 'running') {
            appStatus.set(`Running ${p.model} (${p.index} of ${p.total})…`, 'busy', {
              done: p.index - 1,
              total: p.total,
            });
          }
        }),
        { first: dashboardTables(), ...request },
      );
      const joined = stage.after ? joinRuns(stage.after, result) : result;
      if (stage.partial) return joined;
      this.lastResult = joined;
      if (!request.select || request.select === 'all') this.builtUpTo = startedAt;
      appStatus.set(completionMessage(joined), 'ok');
      return joined;
    } catch (error) {
      this.error = errorMessage(error);
      appStatus.set(`Pipeline failed: ${this.error}`, 'error');
      throw error;
    } finally {
      this.running = false;
      dataVersion.bump();
    }
  }
}

export const pipelineRun = new PipelineRun();
