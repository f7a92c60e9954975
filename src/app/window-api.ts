import type { EngineClient } from '../engine/client';
import type { Row } from '../engine/types';
import type { PipelineRunResult } from '../pipeline/runner/run-types';
import { pipelineRun } from '../ui/pipeline/pipeline-run.svelte';

/** `window.lakehouse`: the automation surface of CONTRACT.md section 4. */
export interface WindowLakehouse {
  ready: Promise<void>;
  sql(query: string): Promise<Row[]>;
  /** Run what is new, Bronze -> Gold, as the "Run pipeline" button does; rejects with the reason. */
  runPipeline(): Promise<PipelineRunResult>;
  /** The engine worker's whole API, for the curious and for tests. */
  engine: EngineClient;
}

/** Build the automation surface over the engine worker. */
export function createWindowApi(engine: EngineClient): WindowLakehouse {
  const ready = engine.info().then(() => undefined);
  return {
    ready,
    engine,
    async sql(query) {
      await ready;
      return (await engine.sql(query, Number.MAX_SAFE_INTEGER)).rows;
    },
    async runPipeline() {
      await ready;
      return pipelineRun.run(engine);
    },
  };
}

declare global {
  interface Window {
    lakehouse: WindowLakehouse;
  }
}
