import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { ParquetCodec } from '../../../src/engine/parquet-codec';
import { Lake } from '../../../src/lake/lake';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { createConsoleService } from '../../../src/service/console-service';
import { createLakehouseService } from '../../../src/service/lakehouse-service';
import { ResultStore } from '../../../src/service/result-store';
import type { WithDeps } from '../../../src/service/service-deps';

let withDeps: WithDeps;
let parquet: ParquetCodec;
let service: ReturnType<typeof createLakehouseService>;

beforeAll(async () => {
  const booted = await bootNodeEngine();
  parquet = booted.parquet;
  const storage = new MemoryStorage();
  const deps = { ...booted, storage, lake: new Lake({ ...booted, storage }) };
  withDeps = (job) => job(deps);
  service = createLakehouseService(Promise.resolve(deps), performance.now());
});

describe('console results kept in the worker', () => {
  it('answers with the columns and their DuckDB types, the row count and only the first 500 rows', async () => {
    const results = createConsoleService(withDeps);
    const result = await results.run(
      `select range as n, range % 7 as k, 'r' || range as label, (range / 4)::decimal(10,2) as quarter
       from range(100000)`,
    );
    expect(result.columns).toEqual([
      { name: 'n', type: 'BIGINT' },
      { name: 'k', type: 'BIGINT' },
      { name: 'label', type: 'VARCHAR' },
      { name: 'quarter', type: 'DECIMAL(10,2)' },
    ]);
    expect(result.rowCount).toBe(100_000);
    expect(result.rows).toHaveLength(500);
    expect(result.rows[499]).toEqual({ n: 499, k: 2, label: 'r499', quarter: 124.75 });
  });

  it('gives any window of rows, the last one short, and refuses a window over 500 rows', async () => {
    const results = createConsoleService(withDeps);
    const { id } = await results.run(`select range as n from range(100000)`);
    const middle = await results.rows(id, 50_000, 3);
    expect(middle).toEqual([{ n: 50_000 }, { n: 50_001 }, { n: 50_002 }]);
    const end = await results.rows(id, 99_800, 500);
    expect(end).toHaveLength(200);
    expect(end.at(-1)).toEqual({ n: 99_999 });
    expect(await results.rows(id, 100_000, 10)).toEqual([]);
    await expect(results.rows(id, 0, 501)).rejects.toThrow('A window holds at most 500 rows (asked for 501)');
  });

  it('keeps a result the lake makes itself (DESCRIBE HISTORY) with its declared types', async () => {
    await service.lake.sql(`create table silver.kept as select 1 as id`);
    const result = await service.console.run(`describe history silver.kept`);
    expect(result.rowCount).toBe(1);
    expect(result.columns.find((c) => c.name === 'timestamp')?.type).toBe('TIMESTAMP');
    expect(result.rows[0]).toMatchObject({ version: 0, operation: 'CREATE TABLE AS SELECT' });
    expect(await service.console.rows(result.id, 0, 1)).toEqual(result.rows);
  });

  it('drops the oldest result past the count limit, and says so when it is asked for', async () => {
    const results = createConsoleService(withDeps, new ResultStore({ maxResults: 2, maxBytes: 1 << 30 }));
    const first = await results.run(`select 1 as a`);
    await results.run(`select 2 as a`);
    const third = await results.run(`select 3 as a`);
    await expect(results.rows(first.id, 0, 1)).rejects.toThrow(
      `Result ${first.id} is no longer kept (only the last 2 results are): run its query again`,
    );
    expect(await results.rows(third.id, 0, 1)).toEqual([{ a: 3 }]);
  });

  it('drops the oldest results past the byte budget but always keeps the newest', async () => {
    const store = new ResultStore({ maxResults: 10, maxBytes: 1_000_000 });
    const results = createConsoleService(withDeps, store);
    const small = await results.run(`select range as n from range(1000)`);
    const big = await results.run(`select range as n from range(200000)`);
    expect(store.ids()).toEqual([big.id]);
    await expect(results.rows(small.id, 0, 1)).rejects.toThrow(/no longer kept/);
    expect(await results.rows(big.id, 199_999, 1)).toEqual([{ n: 199_999 }]);
  });

  it('forgets a released result, and every result when the lakehouse is reset', async () => {
    const released = await service.console.run(`select 1 as a`);
    await service.console.release(released.id);
    await expect(service.console.rows(released.id, 0, 1)).rejects.toThrow(/no longer kept/);
    const beforeReset = await service.console.run(`select 2 as a`);
    await service.admin.reset();
    await expect(service.console.rows(beforeReset.id, 0, 1)).rejects.toThrow(/no longer kept/);
  });

  it('downloads a kept result as CSV with the formula guard, and as Parquet with every row', async () => {
    const results = createConsoleService(withDeps);
    const formula = await results.run(`select '=1+1' as f, -3 as n`);
    const csv = await results.download(formula.id, 'csv', 'result-1');
    expect(csv.fileName).toBe('result-1.csv');
    expect(new TextDecoder().decode(csv.bytes)).toBe(`f,n\r\n'=1+1,-3\r\n`);

    const many = await results.run(`select range as n, range % 7 as k from range(100000)`);
    const file = await results.download(many.id, 'parquet', 'result-2');
    expect(file.fileName).toBe('result-2.parquet');
    const table = tableFromIPC(parquet.read(file.bytes));
    expect(table.numRows).toBe(100_000);
    expect(Number(table.getChild('n')!.get(99_999))).toBe(99_999);
    expect(Number(table.getChild('k')!.get(99_999))).toBe(99_999 % 7);
  });

  it('an error query is the error the user sees, and keeps nothing', async () => {
    const store = new ResultStore();
    const results = createConsoleService(withDeps, store);
    await expect(results.run(`select * from no_such_table`)).rejects.toThrow(/no_such_table/);
    expect(store.ids()).toEqual([]);
  });
});
