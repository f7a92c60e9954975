import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeModelStore } from '../../../src/node/native-model-store';
import { MODELS } from '../../../src/pipeline/registry';
import { PipelineRunner } from '../../../src/pipeline/runner/pipeline-runner';
import type { PipelineRunResult } from '../../../src/pipeline/runner/run-types';
import { appendBronze } from './helpers/bronze';
import { FIXTURE } from './helpers/fixture';
import { bootPipeline, ingest, type PipelineHarness } from './helpers/setup';

let wasm: PipelineHarness;
let native: NativeModelStore;
let nativeRun: PipelineRunResult;
const parquetDir = mkdtempSync(join(tmpdir(), 'pipeline-native-'));

beforeAll(async () => {
  wasm = await bootPipeline();
  await ingest(wasm.store, FIXTURE);
  await wasm.runner.run();

  native = await NativeModelStore.open({ parquetDir });
  for (const batch of FIXTURE) await appendBronze(native, batch);
  nativeRun = await new PipelineRunner(native).run();
});

afterAll(() => {
  native.engine.close();
  rmSync(parquetDir, { recursive: true, force: true });
});

describe('the same model files on native DuckDB', () => {
  it('run every model', () => {
    expect(nativeRun.status).toBe('success');
    expect(nativeRun.models.map((m) => m.status)).toEqual(Array(MODELS.length).fill('success'));
  });

  it.each(MODELS.map((m) => m.name))('%s holds the same rows as on DuckDB-WASM', async (table) => {
    const sql = `select * from ${table} order by all`;
    const nativeRows = await native.engine.query(sql);
    expect(nativeRows).toEqual(await wasm.engine.query(sql));
  });

  it('exports each table as Parquet with COPY, partitioned where the model says', async () => {
    const count = (path: string) =>
      native.engine.query(`select count(*) as n from read_parquet('${path}', hive_partitioning = true)`);
    expect(await count(native.parquetPathOf('gold.daily_sales', false))).toEqual([{ n: 6 }]);
    expect(await count(join(native.parquetPathOf('silver.events', true), '*', '*.parquet'))).toEqual([
      { n: 13 },
    ]);
    expect(
      await native.engine.query(
        `select distinct event_date::varchar as d from read_parquet('${join(native.parquetPathOf('silver.events', true), '*', '*.parquet')}', hive_partitioning = true) order by 1`,
      ),
    ).toEqual([{ d: '2018-03-01' }, { d: '2018-03-02' }]);
  });
});
