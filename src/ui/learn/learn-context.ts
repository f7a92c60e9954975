import type { EngineClient } from '../engine-client';
import type { Row } from '../../engine/types';
import { demoRun } from '../demo/demo-run.svelte';
import { pipelineRun } from '../pipeline/pipeline-run.svelte';
import { appStatus } from '../shell/status.svelte';
import { sourcesRun } from '../sources/sources-run.svelte';
import type { StepContext } from './step-types';

/** The table whose presence says the demo (or an upload) has built Gold. */
const GOLD_MARK = 'gold.daily_sales';

/** The walkthrough's access to the lakehouse, through the same runs the screens use. */
export function createStepContext(engine: EngineClient): StepContext {
  return {
    engine,
    async ensureDemo() {
      if ((await engine.lake.latestVersion(GOLD_MARK)) >= 0) return;
      appStatus.set('Learn: this step needs data, so the demo runs first…', 'busy');
      await demoRun.run(engine);
    },
    async rows<T = Row>(sql: string, params: Parameters<EngineClient['lake']['query']>[1] = []) {
      return (await engine.lake.query(sql, params)).rows as T[];
    },
    async sql<T = Row>(sql: string) {
      return (await engine.lake.sql(sql)).rows as T[];
    },
    runPipeline: () => pipelineRun.run(engine),
    ingest: (files) => sourcesRun.ingest(engine.sources, files),
    timeline: (table) => engine.lake.timeline(table),
    fileHistory: (table) => engine.lake.fileHistory(table),
    explain: (table, predicate, version) => engine.lake.explainScan(table, predicate, version),
    latestVersion: (table) => engine.lake.latestVersion(table),
    say: (message) => appStatus.set(message, 'busy'),
  };
}
