import { createRequire } from 'node:module';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import { createParquetCodec, type ParquetWasmModule } from '../../../src/engine/parquet-codec';
import { sparkSchemaOfArrow } from '../../../src/lake/delta/schema';
import { Lake } from '../../../src/lake/lake';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { NativeLakeEngine } from '../../../src/node/native-lake-engine';

const pq = createRequire(import.meta.url)('parquet-wasm/node') as ParquetWasmModule;
let native: NativeLakeEngine;
let wasm: DuckDbEngine;

beforeAll(async () => {
  native = await NativeLakeEngine.open(pq);
  wasm = (await bootNodeEngine()).engine;
});

afterAll(() => native.close());

/** A query over every kind of column the models produce, and a few they could. */
const TYPES_SQL = `select 1::bigint as id, 2::integer as n, sum(x)::hugeint as total, 3::ubigint as big,
  12.34::decimal(18,2) as money, 0.5::double as ratio, 'São Paulo' as city, null::varchar as nothing,
  date '2018-01-02' as d, timestamp '2018-01-02 03:04:05.678' as ts, true as flag,
  [1, 2] as list, {'k': 'v'} as struct, '6a2f41a3-c54c-fce8-32d2-0324e1c32e22'::uuid as id_uuid
  from range(3) r(x)`;

describe('the native engine as the lake sees it (Arrow through Parquet)', () => {
  it('gives a query result the Delta schema DuckDB-WASM gives', async () => {
    const schema = (ipc: Uint8Array) => sparkSchemaOfArrow(tableFromIPC(ipc).schema);
    expect(schema(await native.queryArrow(TYPES_SQL))).toEqual(schema(await wasm.queryArrow(TYPES_SQL)));
    expect(schema(await native.queryArrow(`${TYPES_SQL} limit 0`))).toEqual(
      schema(await wasm.queryArrow(`${TYPES_SQL} limit 0`)),
    );
  });

  it('binds parameters in queries whose result it exports', async () => {
    const ipc = await native.queryArrow('select ?::varchar as s, ?::integer + 1 as n', ['x', 41]);
    expect(
      tableFromIPC(ipc)
        .toArray()
        .map((r) => r.toJSON()),
    ).toEqual([{ s: 'x', n: 42 }]);
  });

  it('creates and appends tables from Arrow with the same rows and types', async () => {
    const ipc = await wasm.queryArrow(
      TYPES_SQL.replace(", '6a2f41a3-c54c-fce8-32d2-0324e1c32e22'::uuid as id_uuid", ''),
    );
    await native.createTableFromArrow('main.from_arrow', ipc);
    await native.appendArrow('main.from_arrow', ipc);
    const sql = 'select * from main.from_arrow order by all';
    await wasm.createTableFromArrow('main.from_arrow', ipc);
    await wasm.appendArrow('main.from_arrow', ipc);
    expect(await native.query(sql)).toEqual(await wasm.query(sql));
    expect(
      await native.query(`select typeof(ts) as t, typeof(money) as m from main.from_arrow limit 1`),
    ).toEqual([{ t: 'TIMESTAMP', m: 'DECIMAL(18,2)' }]);
  });

  it('reads a registered file buffer by its name, as DuckDB-WASM does, until it is dropped', async () => {
    const name = '/__staging/test.csv';
    native.registerFileBuffer(name, new TextEncoder().encode('a,b\n1,x\n2,y\n'));
    expect(
      await native.query('select count(*)::int as n, max(b) as b from read_csv(?, header = true)', [name]),
    ).toEqual([{ n: 2, b: 'y' }]);
    native.dropFileBuffer(name);
    await expect(native.query('select count(*) from read_csv(?)', [name])).rejects.toThrow(/No files found/);
  });

  it('runs the lake: writes, merges and reads back versions as on DuckDB-WASM', async () => {
    const lake = new Lake({ engine: native, parquet: createParquetCodec(pq), storage: new MemoryStorage() });
    await lake.write('silver.t', {
      mode: 'overwrite',
      partitionBy: ['d'],
      sql: `select * from (values (1, 'a', date '2018-01-01'), (2, 'b', date '2018-01-02')) v(id, s, d)`,
    });
    await lake.merge('silver.t', {
      sourceSql: `select * from (values (2, 'B', date '2018-01-02'), (3, 'c', date '2018-01-03')) v(id, s, d)`,
      keys: ['id'],
    });
    await lake.ensureLoaded('silver.t');
    expect(await native.query('select id, s, d::varchar as d from silver.t order by id')).toEqual([
      { id: 1, s: 'a', d: '2018-01-01' },
      { id: 2, s: 'B', d: '2018-01-02' },
      { id: 3, s: 'c', d: '2018-01-03' },
    ]);
    await lake.loadVersion('silver.t', { version: 0 }, 'main.v0');
    expect(await native.query('select id, s from main.v0 order by id')).toEqual([
      { id: 1, s: 'a' },
      { id: 2, s: 'b' },
    ]);
    expect((await lake.history('silver.t')).map((h) => h.operation)).toEqual(['MERGE', 'WRITE']);
  });
});
