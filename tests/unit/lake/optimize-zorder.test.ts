import { beforeEach, describe, expect, it } from 'vitest';
import { failure, lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;

/** 12 appends of 2,000 orders each, customers spread over the whole id range in every file. */
async function manySmallFiles(): Promise<void> {
  for (let batch = 0; batch < 12; batch++) {
    await fx.lake.write('silver.orders', {
      sql: `select 'order-' || (${batch} * 2000 + i) as order_id,
                   md5((hash(i * 7 + ${batch}) % 3000)::varchar) as customer_unique_id,
                   (i % 500)::decimal(18,2) as amount
            from range(2000) t(i)`,
      mode: 'append',
    });
  }
}

async function total(): Promise<unknown[]> {
  await fx.lake.ensureLoaded('silver.orders');
  return fx.engine.query(
    'select count(*)::int as n, sum(amount)::double as s, count(distinct order_id)::int as d from silver.orders',
  );
}

beforeEach(async () => {
  fx = await lakeFixture();
});

describe('OPTIMIZE and ZORDER BY', () => {
  it('compacts small files into fewer files near the target size, rows unchanged', async () => {
    await manySmallFiles();
    const before = await total();
    const commit = await fx.lake.optimize('silver.orders', { targetFileBytes: 4 * 1024 * 1024 });
    expect(commit.metrics).toMatchObject({
      numRemovedFiles: 12,
      numAddedFiles: 1,
      numFilesBefore: 12,
      numFilesAfter: 1,
    });
    expect(commit.metrics.numBytesBefore).toBeGreaterThan(0);
    expect(commit.metrics.numBytesAfter).toBe(commit.metrics.numAddedBytes);
    expect(await total()).toEqual(before);
    const [entry] = await fx.lake.history('silver.orders');
    expect(entry).toMatchObject({
      operation: 'OPTIMIZE',
      operationParameters: { predicate: '[]', zOrderBy: '[]' },
    });
    const again = await fx.lake.optimize('silver.orders', { targetFileBytes: 4 * 1024 * 1024 });
    expect(again).toMatchObject({ skipped: true, version: commit.version });
  });

  it('after ZORDER BY (customer_unique_id) a one-customer lookup reads a small fraction of the files', async () => {
    await manySmallFiles();
    const customer = (await fx.engine.query<{ c: string }>(`select md5('1234') as c`))[0].c;
    const lookup = `customer_unique_id = '${customer}'`;
    const before = await fx.lake.scan('silver.orders', lookup, 'lookup_before');
    expect(before).toEqual({ filesRead: 12, filesTotal: 12 });
    const bytes = (await fx.lake.files('silver.orders')).reduce((sum, f) => sum + f.size, 0);
    const commit = await fx.lake.optimize('silver.orders', {
      zorderBy: ['customer_unique_id'],
      targetFileBytes: bytes / 12,
    });
    expect(commit.metrics.numAddedFiles).toBeGreaterThanOrEqual(8);
    const after = await fx.lake.scan('silver.orders', lookup, 'lookup_after');
    console.log(
      `[measure] one-customer lookup on 24,000 rows: ${before.filesRead}/${before.filesTotal} files before ZORDER, ${after.filesRead}/${after.filesTotal} after`,
    );
    expect(after.filesRead).toBeLessThanOrEqual(2);
    expect(after.filesRead / after.filesTotal).toBeLessThan(0.25);
    expect(await fx.engine.query('select * from lookup_after order by order_id')).toEqual(
      await fx.engine.query('select * from lookup_before order by order_id'),
    );
    expect(await total()).toEqual([{ n: 24000, s: expect.any(Number), d: 24000 }]);
  });

  it('orders rows by a Z-order curve over two columns, narrowing both ranges', async () => {
    await fx.lake.write('silver.points', {
      sql: `select (i % 100)::int as x, (i // 100)::int as y from range(10000) t(i)`,
      mode: 'append',
    });
    const bytes = (await fx.lake.files('silver.points'))[0].size;
    await fx.lake.optimize('silver.points', { zorderBy: ['x', 'y'], targetFileBytes: bytes / 16 });
    const files = await fx.lake.files('silver.points');
    expect(files.length).toBeGreaterThanOrEqual(8);
    const xOnly = await fx.lake.scan('silver.points', 'x = 7', 'px');
    const yOnly = await fx.lake.scan('silver.points', 'y = 7', 'py');
    expect(xOnly.filesRead).toBeLessThan(files.length);
    expect(yOnly.filesRead).toBeLessThan(files.length);
    expect(await fx.engine.query('select count(*)::int as n from px')).toEqual([{ n: 100 }]);
  });

  it('refuses to Z-order by a partition column or a column that does not exist', async () => {
    await fx.lake.write('silver.sales', {
      sql: `select 1 as id, 'SP' as state`,
      mode: 'append',
      partitionBy: ['state'],
    });
    expect(await failure(fx.lake.optimize('silver.sales', { zorderBy: ['state'] }))).toEqual({
      name: 'ZOrderOnPartitionColumn',
      message:
        'state is a partition column of silver.sales; Z-order by data columns (each partition is its own folder already)',
    });
    expect(await failure(fx.lake.optimize('silver.sales', { targetFileBytes: 0 }))).toEqual({
      name: 'InvalidOption',
      message: 'targetFileBytes must be above 0, not 0',
    });
    expect(await failure(fx.lake.optimize('silver.sales', { zorderBy: ['city'] }))).toEqual({
      name: 'ColumnNotFound',
      message: 'silver.sales has no column "city" (its columns: id, state)',
    });
  });
});
