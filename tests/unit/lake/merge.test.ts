import { beforeEach, describe, expect, it } from 'vitest';
import { failure, lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;

const customers = (rows: string) => `select * from (values ${rows}) t(customer_id, city, state)`;

beforeEach(async () => {
  fx = await lakeFixture();
  // Two files: c1..c2 in the first, c3..c4 in the second.
  await fx.lake.write('silver.customers', {
    sql: customers(`('c1', 'sao paulo', 'SP'), ('c2', 'rio', 'RJ')`),
    mode: 'append',
  });
  await fx.lake.write('silver.customers', {
    sql: customers(`('c3', 'curitiba', 'PR'), ('c4', 'recife', 'PE')`),
    mode: 'append',
  });
});

async function table(): Promise<unknown[]> {
  await fx.lake.ensureLoaded('silver.customers');
  return fx.engine.query('select customer_id, city from silver.customers order by customer_id');
}

describe('MERGE by key columns', () => {
  it('updates matched rows, inserts new ones, and rewrites only the file that changed', async () => {
    const commit = await fx.lake.merge('silver.customers', {
      sourceSql: customers(`('c1', 'campinas', 'SP'), ('c5', 'natal', 'RN')`),
      keys: ['customer_id'],
    });
    expect(commit.version).toBe(2);
    expect(commit.metrics).toMatchObject({
      numSourceRows: 2,
      numTargetRowsInserted: 1,
      numTargetRowsUpdated: 1,
      numTargetRowsDeleted: 0,
      numTargetRowsCopied: 1,
      numOutputRows: 3,
      numTargetFilesAdded: 1,
      numTargetFilesRemoved: 1,
    });
    expect(await table()).toEqual([
      { customer_id: 'c1', city: 'campinas' },
      { customer_id: 'c2', city: 'rio' },
      { customer_id: 'c3', city: 'curitiba' },
      { customer_id: 'c4', city: 'recife' },
      { customer_id: 'c5', city: 'natal' },
    ]);
    const [entry] = await fx.lake.history('silver.customers');
    expect(entry).toMatchObject({
      operation: 'MERGE',
      operationParameters: {
        predicate: '["t.customer_id = s.customer_id"]',
        matchedPredicates: '[{"actionType":"update"}]',
        notMatchedPredicates: '[{"actionType":"insert"}]',
      },
    });
  });

  it('commits nothing when every matched row is unchanged', async () => {
    const commit = await fx.lake.merge('silver.customers', {
      sourceSql: customers(`('c1', 'sao paulo', 'SP'), ('c4', 'recife', 'PE')`),
      keys: ['customer_id'],
    });
    expect(commit).toMatchObject({ version: 1, skipped: true, operation: 'MERGE' });
    expect(await fx.lake.latestVersion('silver.customers')).toBe(1);
  });

  it('deletes target rows not matched by the source when asked', async () => {
    const commit = await fx.lake.merge('silver.customers', {
      sourceSql: customers(`('c1', 'sao paulo', 'SP'), ('c3', 'londrina', 'PR')`),
      keys: ['customer_id'],
      deleteNotMatchedBySource: true,
    });
    expect(commit.metrics).toMatchObject({
      numTargetRowsUpdated: 1,
      numTargetRowsDeleted: 2,
      numTargetRowsInserted: 0,
      numTargetRowsNotMatchedBySourceDeleted: 2,
      numTargetFilesRemoved: 2,
    });
    expect(await table()).toEqual([
      { customer_id: 'c1', city: 'sao paulo' },
      { customer_id: 'c3', city: 'londrina' },
    ]);
  });

  it('only inserts with whenMatched ignore', async () => {
    const commit = await fx.lake.merge('silver.customers', {
      sourceSql: customers(`('c1', 'changed', 'SP'), ('c9', 'belem', 'PA')`),
      keys: ['customer_id'],
      whenMatched: 'ignore',
    });
    expect(commit.metrics).toMatchObject({
      numTargetRowsInserted: 1,
      numTargetRowsUpdated: 0,
      numTargetFilesRemoved: 0,
    });
    expect((await table()).map((r) => (r as { city: string }).city)).toEqual([
      'sao paulo',
      'rio',
      'curitiba',
      'recife',
      'belem',
    ]);
  });

  it('creates the table on the first merge', async () => {
    const commit = await fx.lake.merge('silver.sellers', {
      sourceSql: `select 's1' as seller_id, 'SP' as state`,
      keys: ['seller_id'],
    });
    expect(commit).toMatchObject({ version: 0, operation: 'MERGE', metrics: { numTargetRowsInserted: 1 } });
    await fx.lake.ensureLoaded('silver.sellers');
    expect(await fx.engine.query('select * from silver.sellers')).toEqual([{ seller_id: 's1', state: 'SP' }]);
  });

  it('creates a partitioned table on the first merge straight from a query with parameters', async () => {
    const commit = await fx.lake.merge('silver.sellers', {
      sourceSql: `select 's' || i as seller_id, ? as state from range(4) t(i) where i < ?`,
      params: ['RJ', 3],
      keys: ['seller_id'],
      partitionBy: ['state'],
    });
    expect(commit).toMatchObject({ version: 0, metrics: { numSourceRows: 3, numTargetRowsInserted: 3 } });
    expect((await fx.lake.files('silver.sellers')).map((f) => f.partitionValues)).toEqual([{ state: 'RJ' }]);
    expect(await fx.engine.query('select seller_id, state from silver.sellers order by seller_id')).toEqual([
      { seller_id: 's0', state: 'RJ' },
      { seller_id: 's1', state: 'RJ' },
      { seller_id: 's2', state: 'RJ' },
    ]);
    const scratch = await fx.engine.query(
      `select table_name from duckdb_tables() where schema_name = '__lake' and starts_with(table_name, '__')`,
    );
    expect(scratch).toEqual([]);
  });

  it('refuses two source rows for one target row, and commits nothing', async () => {
    const error = await failure(
      fx.lake.merge('silver.customers', {
        sourceSql: customers(`('c2', 'niteroi', 'RJ'), ('c2', 'petropolis', 'RJ')`),
        keys: ['customer_id'],
      }),
    );
    expect(error).toEqual({
      name: 'MultipleSourceRowMatchingTargetRowInMerge',
      message:
        'Cannot MERGE into silver.customers: several source rows match the same target row (key c2). ' +
        'Nothing was committed; keep one source row per key (e.g. the latest) and run the MERGE again.',
    });
    expect(await fx.lake.latestVersion('silver.customers')).toBe(1);
  });

  it('names a key that is not a column, and a source with other columns', async () => {
    expect(
      await failure(
        fx.lake.merge('silver.customers', { sourceSql: customers(`('c1', 'x', 'SP')`), keys: ['id'] }),
      ),
    ).toEqual({
      name: 'ColumnNotFound',
      message: 'silver.customers has no column "id" (its columns: customer_id, city, state)',
    });
    expect(
      await failure(
        fx.lake.merge('silver.customers', { sourceSql: `select 'c1' as customer_id`, keys: ['customer_id'] }),
      ),
    ).toMatchObject({ name: 'SchemaMismatch' });
  });

  it('keeps the loaded table in step without reading the rewritten files back', async () => {
    await fx.lake.ensureLoaded('silver.customers');
    await fx.lake.merge('silver.customers', {
      sourceSql: customers(`('c2', 'niteroi', 'RJ')`),
      keys: ['customer_id'],
    });
    expect(await fx.engine.query(`select city from silver.customers where customer_id = 'c2'`)).toEqual([
      { city: 'niteroi' },
    ]);
    expect(await fx.engine.query('select count(*)::int as n from silver.customers')).toEqual([{ n: 4 }]);
  });
});
