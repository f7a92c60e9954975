import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { failure, lakeFixture, type LakeFixture } from './helpers';

/** Memory storage that counts the data files read, to show what a read costs. */
class CountingStorage extends MemoryStorage {
  parquetReads = 0;
  override read(path: string): Promise<Uint8Array> {
    if (path.endsWith('.parquet') && !path.includes('_delta_log')) this.parquetReads++;
    return super.read(path);
  }
}

let fx: LakeFixture;
let storage: CountingStorage;

const ORDERS = `select * from (values
  ('o1', 'c1', 10.50::decimal(18,2), timestamp '2017-10-02 10:56:33', date '2017-10-18', 'delivered'),
  ('o2', 'c2', 99.99::decimal(18,2), timestamp '2018-07-24 20:41:37', date '2018-08-13', null),
  ('o3', 'c1', 0.01::decimal(18,2), timestamp '2018-08-08 08:38:49', null, 'shipped'))
  t(order_id, customer_id, amount, purchase_ts, estimated_delivery_date, order_status)`;

beforeEach(async () => {
  storage = new CountingStorage();
  fx = await lakeFixture({ storage });
});

describe('writing and reading a table', () => {
  it('creates a table with the first append and reads it back with exact types', async () => {
    const commit = await fx.lake.write('silver.orders', { sql: ORDERS, mode: 'append' });
    expect(commit).toMatchObject({ table: 'silver.orders', version: 0, operation: 'WRITE' });
    expect(commit.metrics).toMatchObject({ numFiles: 1, numOutputRows: 3 });
    expect(await fx.lake.ensureLoaded('silver.orders')).toBe(0);
    const rows = await fx.engine.query('select * from silver.orders order by order_id');
    expect(rows).toEqual([
      {
        order_id: 'o1',
        customer_id: 'c1',
        amount: 10.5,
        purchase_ts: '2017-10-02 10:56:33',
        estimated_delivery_date: '2017-10-18',
        order_status: 'delivered',
      },
      {
        order_id: 'o2',
        customer_id: 'c2',
        amount: 99.99,
        purchase_ts: '2018-07-24 20:41:37',
        estimated_delivery_date: '2018-08-13',
        order_status: null,
      },
      {
        order_id: 'o3',
        customer_id: 'c1',
        amount: 0.01,
        purchase_ts: '2018-08-08 08:38:49',
        estimated_delivery_date: null,
        order_status: 'shipped',
      },
    ]);
    const types = await fx.engine.query('describe silver.orders');
    expect(types.map((t) => t.column_type)).toEqual([
      'VARCHAR',
      'VARCHAR',
      'DECIMAL(18,2)',
      'TIMESTAMP',
      'DATE',
      'VARCHAR',
    ]);
  });

  it('appends as a new version and keeps the old version readable', async () => {
    await fx.lake.write('silver.orders', { sql: ORDERS, mode: 'append' });
    const second = await fx.lake.write('silver.orders', {
      sql: `select 'o4' as order_id, 'c3' as customer_id, 5::decimal(18,2) as amount,
                   timestamp '2018-01-01 00:00:00' as purchase_ts, date '2018-01-10' as estimated_delivery_date,
                   'created' as order_status`,
      mode: 'append',
    });
    expect(second.version).toBe(1);
    await fx.lake.ensureLoaded('silver.orders');
    expect(await fx.engine.query('select count(*)::int as n from silver.orders')).toEqual([{ n: 4 }]);
    await fx.lake.loadVersion('silver.orders', { version: 0 }, 'orders_v0');
    expect(await fx.engine.query('select count(*)::int as n from orders_v0')).toEqual([{ n: 3 }]);
  });

  it('takes columns by name in any order and casts them to the table types', async () => {
    await fx.lake.write('silver.orders', { sql: ORDERS, mode: 'append' });
    await fx.lake.write('silver.orders', {
      sql: `select 'created' as order_status, date '2018-01-10' as estimated_delivery_date, '2018-01-01 00:00:00' as purchase_ts,
                   5 as amount, 'c3' as customer_id, 'o4' as order_id`,
      mode: 'append',
    });
    await fx.lake.ensureLoaded('silver.orders');
    expect(
      await fx.engine.query(`select amount, purchase_ts from silver.orders where order_id = 'o4'`),
    ).toEqual([{ amount: 5, purchase_ts: '2018-01-01 00:00:00' }]);
  });

  it('refuses an append whose columns differ, naming them, and commits nothing', async () => {
    await fx.lake.write('silver.orders', { sql: ORDERS, mode: 'append' });
    const error = await failure(
      fx.lake.write('silver.orders', { sql: `select 'o9' as order_id, 1 as extra`, mode: 'append' }),
    );
    expect(error).toEqual({
      name: 'SchemaMismatch',
      message:
        'The data does not match the columns of silver.orders (missing customer_id, amount, purchase_ts, ' +
        'estimated_delivery_date, order_status; not in the table: extra). Select exactly its columns, or overwrite ' +
        'the table to change its schema.',
    });
    expect(await fx.lake.latestVersion('silver.orders')).toBe(0);
  });

  it('overwrites the whole table, and may change its schema', async () => {
    await fx.lake.write('silver.orders', { sql: ORDERS, mode: 'append' });
    await fx.lake.ensureLoaded('silver.orders');
    const commit = await fx.lake.write('silver.orders', {
      sql: `select 'x' as order_id, 1 as n`,
      mode: 'overwrite',
    });
    expect(commit.metrics).toMatchObject({ numFiles: 1, numOutputRows: 1, numRemovedFiles: 1 });
    await fx.lake.ensureLoaded('silver.orders');
    expect(await fx.engine.query('select * from silver.orders')).toEqual([{ order_id: 'x', n: 1 }]);
    expect(await fx.lake.files('silver.orders')).toHaveLength(1);
  });

  it('updates the loaded table from its own writes, without reading the files it wrote', async () => {
    await fx.lake.write('silver.orders', { sql: ORDERS, mode: 'append' });
    await fx.lake.ensureLoaded('silver.orders');
    const readsBefore = storage.parquetReads;
    for (let i = 0; i < 3; i++) {
      await fx.lake.write('silver.orders', { sql: ORDERS, mode: 'append' });
      await fx.lake.ensureLoaded('silver.orders');
    }
    await fx.lake.deleteWhere('silver.orders', `order_id = 'o2'`);
    await fx.lake.ensureLoaded('silver.orders');
    expect(storage.parquetReads).toBe(readsBefore);
    expect(await fx.engine.query('select count(*)::int as n from silver.orders')).toEqual([{ n: 8 }]);
  });

  it('skips a write whose txn version was already committed (idempotent ingestion)', async () => {
    const txn = { appId: 'landing/orders.csv', version: 1 };
    const first = await fx.lake.write('bronze.orders', { sql: ORDERS, mode: 'append', txn });
    const again = await fx.lake.write('bronze.orders', { sql: ORDERS, mode: 'append', txn });
    expect(first).toMatchObject({ version: 0 });
    expect(again).toMatchObject({ version: 0, skipped: true });
    const next = await fx.lake.write('bronze.orders', {
      sql: ORDERS,
      mode: 'append',
      txn: { ...txn, version: 2 },
    });
    expect(next.version).toBe(1);
    await fx.lake.ensureLoaded('bronze.orders');
    expect(await fx.engine.query('select count(*)::int as n from bronze.orders')).toEqual([{ n: 6 }]);
  });

  it('records commitInfo fields an ingestion asks for', async () => {
    await fx.lake.write('bronze.orders', {
      sql: ORDERS,
      mode: 'append',
      operation: 'STREAMING UPDATE',
      operationParameters: { outputMode: 'Append' },
      commitInfoExtra: { ingestedFiles: [{ path: 'landing/a.csv', rows: 3 }] },
    });
    const text = new TextDecoder().decode(
      await fx.storage.read('tables/bronze/orders/_delta_log/00000000000000000000.json'),
    );
    const commitInfo = JSON.parse(text.split('\n')[0]).commitInfo;
    expect(commitInfo).toMatchObject({
      operation: 'STREAMING UPDATE',
      operationParameters: { outputMode: 'Append', mode: 'Append', partitionBy: '[]' },
      ingestedFiles: [{ path: 'landing/a.csv', rows: 3 }],
      isBlindAppend: true,
    });
    const [entry] = await fx.lake.history('bronze.orders');
    expect(entry).toMatchObject({
      version: 0,
      operation: 'STREAMING UPDATE',
      operationMetrics: { numOutputRows: 3 },
    });
  });

  it('names a table that does not exist, and a name that is not a table name', async () => {
    expect(await failure(fx.lake.ensureLoaded('silver.nothing'))).toEqual({
      name: 'TableNotFound',
      message:
        'silver.nothing does not exist: nothing has been written to it yet. Check the name, or run the step that creates it.',
    });
    expect(await failure(fx.lake.ensureLoaded('Silver Orders'))).toEqual({
      name: 'InvalidTableName',
      message:
        '"Silver Orders" is not a table name: write layer.name in lower case letters, digits and _ (e.g. silver.orders)',
    });
    expect(await fx.lake.latestVersion('silver.nothing')).toBe(-1);
    expect(await fx.lake.exists('silver.nothing')).toBe(false);
  });

  it('deletes rows by predicate, rewriting only the files that hold them', async () => {
    await fx.lake.write('silver.orders', { sql: ORDERS, mode: 'append' });
    await fx.lake.write('silver.orders', { sql: ORDERS.replaceAll("'o", "'p"), mode: 'append' });
    const commit = await fx.lake.deleteWhere('silver.orders', 'order_id = ?', ['p2']);
    expect(commit.metrics).toMatchObject({
      numRemovedFiles: 1,
      numAddedFiles: 1,
      numDeletedRows: 1,
      numCopiedRows: 2,
    });
    await fx.lake.ensureLoaded('silver.orders');
    expect(await fx.engine.query('select order_id from silver.orders order by 1')).toEqual(
      ['o1', 'o2', 'o3', 'p1', 'p3'].map((order_id) => ({ order_id })),
    );
    const none = await fx.lake.deleteWhere('silver.orders', `order_id = 'zzz'`);
    expect(none).toMatchObject({ version: 2, skipped: true });
  });

  it('refuses data it cannot store, saying why, and commits nothing', async () => {
    expect(
      await failure(
        fx.lake.write('silver.orders', { sql: ORDERS, mode: 'append', replaceWhere: "order_id = 'o1'" }),
      ),
    ).toEqual({
      name: 'InvalidWrite',
      message: 'replaceWhere only goes with mode "overwrite"',
    });
    expect(
      await failure(fx.lake.write('silver.orders', { sql: 'select 1 as __lake_file', mode: 'append' })),
    ).toEqual({
      name: 'ReservedColumn',
      message: '"__lake_file" is reserved by the lake; rename the column',
    });
    expect(
      await failure(fx.lake.write('silver.orders', { sql: ORDERS, mode: 'overwrite', replaceWhere: 'true' })),
    ).toMatchObject({
      name: 'TableNotFound',
    });
    expect(await fx.lake.exists('silver.orders')).toBe(false);
  });

  it('lists tables with their size, files and rows', async () => {
    await fx.lake.write('silver.orders', { sql: ORDERS, mode: 'append' });
    await fx.lake.write('gold.daily', { sql: 'select 1 as n', mode: 'append' });
    const tables = await fx.lake.listTables();
    expect(tables.map((t) => [t.name, t.layer, t.version, t.numFiles, t.numRecords])).toEqual([
      ['gold.daily', 'gold', 0, 1, 1],
      ['silver.orders', 'silver', 0, 1, 3],
    ]);
    expect(tables[0].lastModified).toBe('2026-11-25 10:00:00');
  });
});
