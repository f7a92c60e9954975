import { beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import { Lake } from '../../../src/lake/lake';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { optimizeModelTable } from '../../../src/pipeline/optimize-model';
import { MODELS } from '../../../src/pipeline/registry';
import { PipelineRunner } from '../../../src/pipeline/runner/pipeline-runner';
import type { PipelineRunResult } from '../../../src/pipeline/runner/run-types';
import { LakeModelStore } from '../../../src/pipeline/store/lake-model-store';
import { appendBronze } from './helpers/bronze';
import { FIXTURE } from './helpers/fixture';
import { bootPipeline, ingest, type PipelineHarness } from './helpers/setup';

let engine: DuckDbEngine;
let lake: Lake;
let store: LakeModelStore;
let runner: PipelineRunner;
let first: PipelineRunResult;
let reference: PipelineHarness;

beforeAll(async () => {
  const booted = await bootNodeEngine();
  engine = booted.engine;
  lake = new Lake({ engine, parquet: booted.parquet, storage: new MemoryStorage() });
  store = new LakeModelStore(lake, engine);
  runner = new PipelineRunner(store);
  for (const batch of FIXTURE) await appendBronze(store, batch);
  first = await runner.run();

  reference = await bootPipeline();
  await ingest(reference.store, FIXTURE);
  await reference.runner.run();
});

describe('the pipeline over the Delta lake', () => {
  it('runs every model and commits each as a Delta version', async () => {
    expect(first.failure).toBeUndefined();
    expect(first.models.map((m) => m.status)).toEqual(Array(MODELS.length).fill('success'));
    for (const model of MODELS) expect(await lake.latestVersion(model.name), model.name).toBe(0);
  });

  it.each(MODELS.map((m) => m.name))('%s holds the same rows as over plain DuckDB tables', async (table) => {
    await lake.ensureLoaded(table);
    const sql = `select * from ${table} order by all`;
    expect(await engine.query(sql)).toEqual(await reference.engine.query(sql));
  });

  it('a second run with no new data commits no new version anywhere', async () => {
    const before = await lake.listTables();
    const run = await runner.run();
    expect(run.status).toBe('up_to_date');
    expect(await lake.listTables()).toEqual(before);
  });

  it('a late event lands in its own event_date partition; only the models downstream of events commit', async () => {
    const versions = async () =>
      Object.fromEntries(
        await Promise.all(MODELS.map(async (m) => [m.name, await lake.latestVersion(m.name)])),
      );
    const before = await versions();
    await appendBronze(store, {
      table: 'bronze.events',
      file: 'events-0002.jsonl',
      ingestedAt: '2024-05-03 09:00:00',
      rows: [
        {
          event_id: 'e15',
          event_type: 'product_view',
          event_ts: '2018-02-20T08:00:00.000Z',
          session_id: 'sF',
          user_id: null,
          product_id: 'p2',
          order_id: null,
          device: 'mobile',
          channel: 'referral',
          page: '/p/p2',
        },
      ],
    });

    const run = await runner.run();

    const after = await versions();
    expect(
      Object.keys(after)
        .filter((t) => after[t] !== before[t])
        .sort(),
    ).toEqual(['gold.customer_features', 'gold.funnel_daily', 'silver.events']);
    expect(run.models.find((m) => m.model === 'silver.events')?.rowsOut).toBe(1);
    await lake.ensureLoaded('silver.events');
    expect(await engine.query('select count(*) as n from silver.events')).toEqual([{ n: 14 }]);
    const partitions = (await lake.files('silver.events')).map((f) => f.partitionValues.event_date).sort();
    expect(partitions).toContain('2018-02-20');
    const history = await lake.history('silver.events');
    expect(history[0].operation).toBe('MERGE');
  });

  it('records lineage in meta.model_runs and results in meta.quality_results, as Delta tables', async () => {
    await lake.ensureLoaded('meta.model_runs');
    const [row] = await engine.query(
      `select count(distinct run_id) as runs, count(*) filter (where status = 'success') as successes from meta.model_runs`,
    );
    expect(row).toEqual({ runs: 2, successes: MODELS.length + 3 });
    expect(await lake.latestVersion('meta.quality_results')).toBe(1);
  });

  it("OPTIMIZE of a model's table Z-orders by its declared columns, rows unchanged", async () => {
    await lake.ensureLoaded('gold.category_monthly');
    const before = await engine.query('select * from gold.category_monthly order by all');

    await optimizeModelTable(lake, 'gold.category_monthly');

    const [latest] = await lake.history('gold.category_monthly');
    expect(latest).toMatchObject({
      operation: 'OPTIMIZE',
      operationParameters: { zOrderBy: '["month","category"]' },
    });
    await lake.ensureLoaded('gold.category_monthly');
    expect(await engine.query('select * from gold.category_monthly order by all')).toEqual(before);
    expect(() => optimizeModelTable(lake, 'gold.nope')).toThrow('There is no model named gold.nope');
  });
});
