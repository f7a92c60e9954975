import * as Comlink from 'comlink';
import type { EngineClient } from '../engine-client';
import type { Progress } from '../../engine/types';
import type { PipelineRunResult } from '../../pipeline/runner/run-types';
import { DEMO_FAULTS } from '../../sources/simulator/catalog';
import { pipelineRun } from '../pipeline/pipeline-run.svelte';
import { dataVersion } from '../shell/data-version.svelte';
import { appStatus } from '../shell/status.svelte';
import { errorMessage } from '../../engine/error-message';
import { sourcesNeededFor } from '../../pipeline/dag';
import { FIRST_CHART, tableOf } from '../dashboard/dashboard-queries';

/** The demo's shop and clickstream: small enough for seconds, big enough for every chart. */
export const DEMO_SETTINGS = {
  scale: 0.03,
  seed: 2018,
  batches: 3,
  eventsPerBatch: 4_000,
} as const;

/** What a demo run did, for `window.lakehouse.runDemo()` and the benchmark. */
export interface DemoResult {
  /** Generating the shop and ingesting the Bronze tables of the first stage. */
  generateMs: number;
  /** Ingesting the rest of the shop, simulating the clickstream and ingesting it. */
  simulateMs: number;
  pipelineMs: number;
  totalMs: number;
  pipeline: PipelineRunResult;
}

/**
 * "Run demo": generate an Olist-shaped shop, ingest the Bronze tables the first chart needs and
 * build every model that reads none of the others (the Dashboard's first charts draw as their
 * tables commit), then ingest the rest of the shop, simulate the clickstream and build what reads
 * them: one pipeline run told in two stages. The same seed every time, so a second run finds
 * nothing new (ingestion is exactly-once).
 */
class DemoRun {
  running = $state(false);

  /** Run the demo. */
  async run(engine: EngineClient): Promise<DemoResult> {
    if (this.running) throw new Error('The demo is already running');
    this.running = true;
    const started = performance.now();
    const say = (step: string) =>
      Comlink.proxy((p: Progress) => {
        const total = p.total ? ` of ${p.total.toLocaleString('en-US')}` : '';
        appStatus.set(`${step}: ${p.step} (${p.done.toLocaleString('en-US')}${total} ${p.unit})`, 'busy');
      });
    try {
      appStatus.set('Demo: generating an Olist-shaped shop…', 'busy');
      // The Bronze tables the first chart's table needs, through the models and their checks.
      const bronze = sourcesNeededFor(await engine.pipeline.models(), tableOf(FIRST_CHART));
      await engine.sources.generateOlist(
        { scale: DEMO_SETTINGS.scale, seed: DEMO_SETTINGS.seed, ingestOnly: bronze.needed },
        say('Demo'),
      );
      const generated = performance.now();
      dataVersion.bump();
      const shop = await pipelineRun.run(engine, { select: { without: bronze.others } }, { partial: true });
      const shopBuilt = performance.now();
      appStatus.set('Demo: ingesting the rest of the shop…', 'busy');
      await engine.sources.ingestLanding(say('Demo'));
      dataVersion.bump();
      appStatus.set('Demo: simulating the clickstream…', 'busy');
      await engine.sources.simulateEvents(
        {
          batches: DEMO_SETTINGS.batches,
          eventsPerBatch: DEMO_SETTINGS.eventsPerBatch,
          seed: DEMO_SETTINGS.seed,
          faults: DEMO_FAULTS,
        },
        say('Demo'),
      );
      const simulated = performance.now();
      dataVersion.bump();
      const pipeline = await pipelineRun.run(engine, {}, { after: shop });
      const finished = performance.now();
      return {
        generateMs: generated - started,
        simulateMs: simulated - shopBuilt,
        pipelineMs: shopBuilt - generated + (finished - simulated),
        totalMs: finished - started,
        pipeline,
      };
    } catch (error) {
      if (!pipelineRun.error) appStatus.set(`Demo failed: ${errorMessage(error)}`, 'error');
      throw error;
    } finally {
      this.running = false;
    }
  }
}

export const demoRun = new DemoRun();
