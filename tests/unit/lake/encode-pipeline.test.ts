import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import type { SqlEngine } from '../../../src/engine/types';
import { createRequire } from 'node:module';
import {
  createParquetCodec,
  type ParquetCodec,
  type ParquetWasmModule,
} from '../../../src/engine/parquet-codec';
import type { SparkField } from '../../../src/lake/delta/schema';
import { LAKE_SCHEMA } from '../../../src/lake/names';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import type { Storage } from '../../../src/lake/storage/types';
import {
  EXPORT_ROWS,
  writeDataFiles,
  type WriteTarget,
  type WrittenFiles,
} from '../../../src/lake/write/data-writer';
import { bootNodeEngine } from '../../../src/node/boot-node';
import { FaultyStorage, InjectedFault } from './faulty-storage';

const local = createParquetCodec(createRequire(import.meta.url)('parquet-wasm/node') as ParquetWasmModule);
let engine: DuckDbEngine;
let worker: ParquetCodec;

beforeAll(async () => {
  ({ engine, parquet: worker } = await bootNodeEngine());
  await engine.exec(`CREATE SCHEMA IF NOT EXISTS "${LAKE_SCHEMA}"`);
});

const field = (name: string, type: SparkField['type']): SparkField => ({
  name,
  type,
  nullable: true,
  metadata: {},
});

// 300,000 events over 270 days: 270 partition files, exported in several runs (more rows than one
// export query takes), so runs are encoded while the next is exported.
const TARGET: WriteTarget = {
  folder: 'tables/silver/events',
  schema: [field('id', 'long'), field('name', 'string'), field('amount', 'double'), field('day', 'date')],
  partitionColumns: ['day'],
};
const EVENTS = `select i as id, case when i % 11 = 0 then null else 'e' || i end as name,
    i * 0.5 as amount, date '2020-01-01' + (i % 270)::int as day from range(300000) t(i)`;

/** Runs of 128Ki rows: the 300,000 rows go to the encoder in three runs. */
const SMALL_RUNS = 131_072;

function write(
  parquet: ParquetCodec,
  storage: Storage,
  exportRows: number | null = SMALL_RUNS,
  sqlEngine: SqlEngine = engine,
): Promise<WrittenFiles> {
  return writeDataFiles(
    { engine: sqlEngine, parquet, storage, clock: () => 1_700_000_000_000 },
    TARGET,
    EVENTS,
    [],
    { maxRowsPerFile: 1_000_000, dataChange: true, ...(exportRows !== null ? { exportRows } : {}) },
  );
}

/** The engine, counting its Arrow exports (queryArrow calls). */
function countingExports(inner: DuckDbEngine): { engine: SqlEngine; exports: () => number } {
  let exports = 0;
  const counted = new Proxy(inner, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      if (key === 'queryArrow') {
        return (...args: unknown[]) => {
          exports++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return { engine: counted, exports: () => exports };
}

async function dropRows(written: WrittenFiles): Promise<void> {
  for (const table of written.rows.tables) await engine.exec(`DROP TABLE IF EXISTS ${table}`);
}

/** A codec whose `failOn`-th encode request fails, as a worker's failure reaches the writer. */
function failingCodec(inner: ParquetCodec, failOn: number): ParquetCodec & { requests: number } {
  const codec = {
    ...inner,
    requests: 0,
    async writeMany(ipcs: Uint8Array[]) {
      if (++codec.requests === failOn) throw new Error('The Parquet encode worker stopped: out of memory');
      return inner.writeMany(ipcs);
    },
  };
  return codec;
}

describe('a write encodes its files in the encode worker', () => {
  it('gives the same files, stats and rows as encoding in the engine worker', async () => {
    const here = new MemoryStorage();
    const expected = await write(local, here);
    await dropRows(expected);
    const there = new MemoryStorage();
    const written = await write(worker, there);
    await dropRows(written);
    expect(written.adds).toHaveLength(270);
    const shape = (w: WrittenFiles) =>
      w.adds.map(({ partitionValues, size, stats, dataChange }) => ({
        partitionValues,
        size,
        stats,
        dataChange,
      }));
    expect(shape(written)).toEqual(shape(expected));
    expect([written.numRows, written.numBytes]).toEqual([expected.numRows, expected.numBytes]);
    expect(written.numRows).toBe(300000);
    for (const [i, path] of written.storagePaths.entries()) {
      const bytes = await there.read(path);
      expect(Buffer.from(bytes).equals(await here.read(expected.storagePaths[i]))).toBe(true);
      const table = tableFromIPC(local.read(bytes));
      expect(table.numRows).toBe(JSON.parse(written.adds[i].stats ?? '{}').numRecords);
    }
    expect(written.timings.encodeMs).toBeGreaterThan(0);
  });

  it('deletes every file it wrote when a storage write fails midway', async () => {
    const storage = new FaultyStorage(new MemoryStorage());
    storage.failAt = 100;
    await expect(write(worker, storage)).rejects.toBeInstanceOf(InjectedFault);
    expect(storage.log.filter((call) => call.startsWith('write ')).length).toBeGreaterThanOrEqual(100);
    expect(await storage.inner.list(TARGET.folder)).toEqual([]);
    expect(
      await engine.query(`select count(*)::int as n from duckdb_tables() where table_name like '%__rows%'`),
    ).toEqual([{ n: 0 }]);
  });

  it('exports the files of a partitioned write in runs of up to EXPORT_ROWS rows, with the same files as one run', async () => {
    expect(EXPORT_ROWS).toBeLessThan(150_000);
    const runs = countingExports(engine);
    const inRuns = await write(local, new MemoryStorage(), null, runs.engine);
    await dropRows(inRuns);
    const whole = countingExports(engine);
    const inOne = await write(local, new MemoryStorage(), 1_000_000, whole.engine);
    await dropRows(inOne);
    // 300,000 rows: three queries of at most EXPORT_ROWS rows by default, or one query.
    expect([runs.exports(), whole.exports()]).toEqual([3, 1]);
    const shape = (w: WrittenFiles) =>
      w.adds.map(({ partitionValues, size, stats }) => ({ partitionValues, size, stats }));
    expect(shape(inOne)).toEqual(shape(inRuns));
    expect(inOne.adds).toHaveLength(270);
  });

  it("reports the encoder's failure and deletes every file written before it", async () => {
    const storage = new MemoryStorage();
    const codec = failingCodec(worker, 2);
    await expect(write(codec, storage)).rejects.toThrow('The Parquet encode worker stopped: out of memory');
    expect(codec.requests).toBeGreaterThanOrEqual(2);
    expect(await storage.list(TARGET.folder)).toEqual([]);
  });
});
