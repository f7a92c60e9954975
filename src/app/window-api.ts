import type { EngineClient } from '../engine/client';
import type { Row } from '../engine/types';
import type { PipelineRunResult } from '../pipeline/runner/run-types';
import type { IngestFileReport } from '../sources/ingest/ingest-report';
import { demoRun, type DemoResult } from '../ui/demo/demo-run.svelte';
import { pipelineRun } from '../ui/pipeline/pipeline-run.svelte';
import { dataVersion } from '../ui/shell/data-version.svelte';
import { appStatus } from '../ui/shell/status.svelte';
import { sourcesRun } from '../ui/sources/sources-run.svelte';

/** `window.lakehouse`: the automation surface of CONTRACT.md section 4. */
export interface WindowLakehouse {
  ready: Promise<void>;
  sql(query: string): Promise<Row[]>;
  /** Run what is new, Bronze -> Gold, as the "Run pipeline" button does; rejects with the reason. */
  runPipeline(): Promise<PipelineRunResult>;
  /** Generate a small shop and clickstream, then run the pipeline, as the "Run demo" button does. */
  runDemo(): Promise<DemoResult>;
  /** Delete every table, its history and the landing zone. */
  reset(): Promise<void>;
  /** Ingest files (CSV, .csv.gz, the Kaggle zip) as the "Upload Olist files" input does; resolves with the per-file report. */
  ingest(files: File[]): Promise<IngestFileReport[]>;
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
    async runDemo() {
      await ready;
      return demoRun.run(engine);
    },
    async reset() {
      await ready;
      await engine.reset();
      dataVersion.bump();
      appStatus.set('Lakehouse reset: every table, its history and the landing zone were deleted', 'ok');
    },
    async ingest(files) {
      await ready;
      return sourcesRun.ingest(engine, [...files]);
    },
  };
}

declare global {
  interface Window {
    lakehouse: WindowLakehouse;
  }
}
