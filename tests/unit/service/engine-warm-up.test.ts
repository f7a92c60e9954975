import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import type { ParquetCodec } from '../../../src/engine/parquet-codec';
import { bootNodeEngine } from '../../../src/node/boot-node';
import { warmUpEngine } from '../../../src/service/engine-warm-up';

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
