import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import type { ParquetCodec } from '../../../src/engine/parquet-codec';
import { bootNodeEngine } from '../../../src/node/boot-node';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { warmUpEngine, whileWarmingUp } from '../../../src/service/engine-warm-up';
import { generateToLanding } from '../../../src/sources/generator/generate-to-landing';

let engine: DuckDbEngine;
let parquet: ParquetCodec;

beforeAll(async () => {
  ({ engine, parquet } = await bootNodeEngine());
});

const tables = async () =>
  (
    await engine.query<{ name: string }>(
      `select schema_name || '.' || table_name as name from duckdb_tables()`,
    )
  )
    .map((t) => t.name)
    .sort();

describe('warming the engine up', () => {
  it('runs every step and leaves no table behind', async () => {
    const before = await tables();
    let asked = 0;
    await warmUpEngine(engine, parquet, () => {
      asked += 1;
      return false;
    });
    expect(asked).toBeGreaterThan(5);
    expect(await tables()).toEqual(before);
  });

  it('stops at the first step it is told to stop before', async () => {
    const before = await tables();
    let asked = 0;
    await warmUpEngine(engine, parquet, () => ++asked > 2);
    expect(asked).toBe(3);
    expect(await tables()).toEqual(before);
  });
});

// A worker that the engine worker starts loads its script through the engine worker's thread,
// which the warm-up's synchronous DuckDB statements hold: the warm-up waits for the job to report.
describe('warming up beside a generation', () => {
  it("begins at the generation's first report and is told to stop when it has landed its files", async () => {
    let reports = 0;
    let reportsWhenWarmUpBegan = -1;
    let askedWhileGenerating: boolean[] = [];
    let stopNow: () => boolean = () => false;
    let warmUps = 0;
    const generation = await whileWarmingUp(
      (started) =>
        generateToLanding(new MemoryStorage(), { scale: 0.01, seed: 7 }, () => {
          reports++;
          started();
        }),
      async (stop) => {
        warmUps++;
        reportsWhenWarmUpBegan = reports;
        stopNow = stop;
        await warmUpEngine(engine, parquet, () => {
          askedWhileGenerating = [...askedWhileGenerating, stop()];
          return stop();
        });
      },
    );
    expect(generation.files).toHaveLength(9);
    expect(reports).toBeGreaterThan(9);
    expect(warmUps).toBe(1);
    expect(reportsWhenWarmUpBegan).toBe(1);
    expect(askedWhileGenerating[0]).toBe(false);
    expect(stopNow()).toBe(true);
  });

  it('never warms up for a job that fails before its first report, and passes its error on', async () => {
    let warmedUp = false;
    const failing = whileWarmingUp(
      () => generateToLanding(new MemoryStorage(), { scale: 5, seed: 7 }),
      async () => {
        warmedUp = true;
      },
    );
    await expect(failing).rejects.toThrow(
      'The scale must be between 0.01 and 1.0 (1.0 is the real size); got 5.',
    );
    expect(warmedUp).toBe(false);
  });
});
