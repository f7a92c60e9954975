import { beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../src/node/boot-node';
import { SqlError } from '../../src/engine/errors';
import type { DuckDbEngine } from '../../src/engine/duckdb-engine';
import type { ParquetCodec } from '../../src/engine/parquet-codec';

let engine: DuckDbEngine;
let parquet: ParquetCodec;

beforeAll(async () => {
  ({ engine, parquet } = await bootNodeEngine());
});

describe('DuckDB-WASM engine', () => {
  it('runs a query and returns plain rows with exact decimals, dates and timestamps', async () => {
    const rows = await engine.query(
      `select 1::bigint as id, 16008872.12::decimal(18,2) as money, date '2018-10-17' as d,
              timestamp '2017-10-02 10:56:33' as ts, null::varchar as missing`,
    );
    expect(rows).toEqual([
      { id: 1, money: 16008872.12, d: '2018-10-17', ts: '2017-10-02 10:56:33', missing: null },
    ]);
  });

  it('binds values as parameters, so quotes in a value are data, not SQL', async () => {
    const rows = await engine.query('select ?::varchar as v, ?::integer as n', [
      "it's'; drop table x; --",
      7,
    ]);
    expect(rows).toEqual([{ v: "it's'; drop table x; --", n: 7 }]);
  });

  it('reports DuckDB’s own message and the SQL when a statement fails', async () => {
    const failing = engine.query('select * from no_such_table');
    await expect(failing).rejects.toBeInstanceOf(SqlError);
    await expect(failing).rejects.toMatchObject({
      sql: 'select * from no_such_table',
      message: expect.stringContaining('Table with name no_such_table does not exist'),
    });
  });

  it('never downloads an extension: parquet functions fail fast with a clear message', async () => {
    await expect(engine.query("select * from read_parquet('x.parquet')")).rejects.toThrow(
      /parquet extension/,
    );
  });

  it('round-trips typed columns through Parquet and back into DuckDB', async () => {
    const ipc = await engine.queryArrow(
      `select i::bigint as id, 'name ' || i as name, (i * 1.25)::decimal(18,2) as amount,
              timestamp '2020-01-01 00:00:00' + to_seconds(i) as ts, date '2020-01-01' + (i % 100)::int as d,
              i % 3 = 0 as flag, case when i % 7 = 0 then null else i / 3.0 end as ratio
       from range(100000) t(i)`,
    );
    const bytes = await parquet.write(ipc);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('PAR1');
    await engine.createTableFromArrow('main.round_trip', parquet.read(bytes));
    const [summary] = await engine.query(
      `select count(*) as n, sum(amount) as total, max(ts) as last_ts, max(d) as last_d,
              count(ratio) as ratios, typeof(any_value(amount)) as amount_type,
              typeof(any_value(ts)) as ts_type, typeof(any_value(d)) as d_type
       from round_trip`,
    );
    expect(summary).toEqual({
      n: 100000,
      total: 6249937500,
      last_ts: '2020-01-02 03:46:39',
      last_d: '2020-04-09',
      ratios: 85714,
      amount_type: 'DECIMAL(18,2)',
      ts_type: 'TIMESTAMP',
      d_type: 'DATE',
    });
  });

  it('runs MERGE INTO (DuckDB 1.4), which the lake relies on', async () => {
    await engine.exec(`create or replace table target(k int, v varchar); insert into target values (1, 'a'), (2, 'b');
                       create or replace table source(k int, v varchar); insert into source values (2, 'B'), (3, 'C');`);
    await engine.exec(`merge into target using source on target.k = source.k
                       when matched then update set v = source.v
                       when not matched then insert values (source.k, source.v)`);
    expect(await engine.query('select * from target order by k')).toEqual([
      { k: 1, v: 'a' },
      { k: 2, v: 'B' },
      { k: 3, v: 'C' },
    ]);
  });
});

describe('cancelling a long query', () => {
  it('stops a running query with CancelledError and leaves the connection usable', async () => {
    const slow = engine.query(
      'select count(*) as n, sum(hash(a.i * b.i)) as h from range(20000) a(i), range(20000) b(i)',
    );
    setTimeout(() => engine.cancel(), 50);
    await expect(slow).rejects.toMatchObject({
      name: 'CancelledError',
      message: 'The query was cancelled; nothing was committed',
    });
    expect(await engine.query('select 1 as still_working')).toEqual([{ still_working: 1 }]);
  });

  it('stops the next statement of a request when the cancel came between two of its statements', async () => {
    const request = engine.withinRequest(async () => {
      await engine.query('select 1 as lake_bookkeeping');
      engine.cancel();
      return engine.query(
        'select count(*) as n, sum(hash(a.i * b.i)) as h from range(20000) a(i), range(20000) b(i)',
      );
    });
    await expect(request).rejects.toMatchObject({ name: 'CancelledError' });
    expect(await engine.withinRequest(() => engine.query('select 2 as next_request'))).toEqual([
      { next_request: 2 },
    ]);
  });

  it('stops one statement only: the cleanup after a cancelled statement still runs', async () => {
    const cleanedUp = await engine.withinRequest(async () => {
      const slow = engine.query(
        'select count(*) as n, sum(hash(a.i * b.i)) as h from range(20000) a(i), range(20000) b(i)',
      );
      setTimeout(() => engine.cancel(), 50);
      await expect(slow).rejects.toMatchObject({ name: 'CancelledError' });
      return engine.query('select 3 as cleanup');
    });
    expect(cleanedUp).toEqual([{ cleanup: 3 }]);
  });

  it('a request inside another (a query between two pipeline models) leaves the outer one cancellable', async () => {
    const outer = engine.withinRequest(async () => {
      await engine.query('select 1 as model_one');
      // A chart's query runs in a slot and is cancelled: the cancel is used up by it.
      const inner = engine.withinRequest(async () => {
        engine.cancel();
        return engine.query('select 2 as chart');
      });
      await expect(inner).rejects.toMatchObject({ name: 'CancelledError' });
      expect(await engine.query('select 3 as model_two')).toEqual([{ model_two: 3 }]);
      // The outer request is still a request: a cancel between its statements stops the next.
      engine.cancel();
      return engine.query('select 4 as model_three');
    });
    await expect(outer).rejects.toMatchObject({ name: 'CancelledError' });
  });

  it('does not affect the next query when a cancel came after the last one finished', async () => {
    await engine.query('select 1');
    engine.cancel();
    expect(await engine.query('select count(*)::int as n from range(1000)')).toEqual([{ n: 1000 }]);
  });
});
