import type { EngineClient } from './engine-client';
import type { Row } from '../engine/types';
import type { PipelineRunResult } from '../pipeline/runner/run-types';
import type { ImportResult } from '../share/import-lakehouse';
import type { IngestFileReport } from '../sources/ingest/ingest-report';
import { demoRun, type DemoResult } from './demo/demo-run.svelte';
import { externalRun, inputOf } from './external/external-run.svelte';
import { pipelineRun } from './pipeline/pipeline-run.svelte';
import { shareRun } from './share/share-run.svelte';
import { dataVersion } from './shell/data-version.svelte';
import { appStatus } from './shell/status.svelte';
import { sourcesRun } from './sources/sources-run.svelte';

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
  /**
   * Read-only, for the benchmark's profile: the per-file report of the last ingestion from the
   * page (upload input or `ingest`), with each file's step timings (`IngestFileReport.timings`).
   */
  lastIngestReports(): IngestFileReport[];
  /**
   * Read-only, for the benchmark's profile: the last pipeline run's result from the page ("Run
   * pipeline" or `runPipeline`), with each model's phase timings (`ModelRunResult.phaseMs`); null before one.
   */
  lastPipelineRun(): PipelineRunResult | null;
  /** Export the whole lakehouse as one zip, as "Export lakehouse" does; resolves with the zip (read from browser storage). */
  exportLakehouse(): Promise<Blob>;
  /**
   * Import a lakehouse zip, as "Import lakehouse" does: into a lakehouse that holds data only after
   * the same question the control asks (answered by `replace` when given); resolves with what came
   * in, null when the lakehouse was kept, and rejects with the reason when the zip is refused.
   */
  importLakehouse(file: File, options?: { replace?: boolean }): Promise<ImportResult | null>;
  /**
   * Open a Delta table as "Open a Delta table" does: a folder's files (paths from
   * `webkitRelativePath`, else each File's name, e.g. `t/_delta_log/00000000000000000000.json`) or
   * one zip; resolves with its name, `external.<name>` (from the folder unless `name` is given).
   */
  openDelta(files: File[], name?: string): Promise<string>;
  /**
   * Open Parquet, CSV/TSV (not Olist files), newline-delimited JSON and DuckDB database files as
   * "Open files" does; resolves with the `external.<name>` tables made (a database gives one per table).
   */
  openFiles(files: File[]): Promise<string[]>;
  /** The engine worker's whole API, for the curious and for tests. */
  engine: EngineClient;
}

/** Build the automation surface over the engine worker. */
export function createWindowApi(engine: EngineClient): WindowLakehouse {
  const ready = engine.admin.info().then(() => undefined);
  return {
    ready,
    engine,
    async sql(query) {
      await ready;
      return (await engine.lake.sql(query, Number.MAX_SAFE_INTEGER)).rows;
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
      await engine.admin.reset();
      dataVersion.bump();
      appStatus.set('Lakehouse reset: every table, its history and the landing zone were deleted', 'ok');
    },
    async ingest(files) {
      await ready;
      return sourcesRun.ingest(engine.sources, [...files]);
    },
    lastIngestReports: () => sourcesRun.lastReports(),
    lastPipelineRun: () => pipelineRun.lastRun(),
    async exportLakehouse() {
      await ready;
      return (await shareRun.export(engine)).file;
    },
    async openDelta(files, name) {
      await ready;
      return externalRun.openDelta(
        engine,
        [...files].map((f) => inputOf(f)),
        name,
      );
    },
    async openFiles(files) {
      await ready;
      return externalRun.openFiles(engine, [...files]);
    },
    async importLakehouse(file, options = {}) {
      await ready;
      return shareRun.import(engine, file, options.replace);
    },
  };
}

declare global {
  interface Window {
    lakehouse: WindowLakehouse;
  }
}
