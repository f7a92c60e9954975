import { tableFromIPC } from 'apache-arrow';
import { beforeEach, describe, expect, it } from 'vitest';
import { failure, lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;

const SALES = `select * from (values
  (1, 'SP', date '2018-01-01', 10.00::decimal(18,2)),
  (2, 'SP', date '2018-01-02', 20.00::decimal(18,2)),
  (3, 'RJ', date '2018-01-01', 30.00::decimal(18,2)),
  (4, null, date '2018-01-03', 40.00::decimal(18,2)),
  (5, 'a/b:c d%', date '2018-01-03', 50.00::decimal(18,2)))
  t(id, state, day, amount)`;

async function logLines(table: string, version: number): Promise<Record<string, unknown>[]> {
  const [layer, name] = table.split('.');
  const path = `tables/${layer}/${name}/_delta_log/${String(version).padStart(20, '0')}.json`;
  const text = new TextDecoder().decode(await fx.storage.read(path));
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

beforeEach(async () => {
  fx = await lakeFixture();
});

describe('partitioned tables', () => {
  it('writes one Hive folder per value, null as __HIVE_DEFAULT_PARTITION__, special characters escaped', async () => {
    await fx.lake.write('silver.sales', { sql: SALES, mode: 'append', partitionBy: ['state'] });
    const adds = (await logLines('silver.sales', 0))
      .filter((a) => 'add' in a)
      .map((a) => a.add as Record<string, unknown>);
    expect(adds.map((a) => [String(a.path).replace(/part-.*$/, ''), a.partitionValues])).toEqual([
      ['state=RJ/', { state: 'RJ' }],
      ['state=SP/', { state: 'SP' }],
      ['state=a%252Fb%253Ac%20d%2525/', { state: 'a/b:c d%' }],
      ['state=__HIVE_DEFAULT_PARTITION__/', { state: null }],
    ]);
    const stored = (await fx.storage.list('tables/silver/sales')).map((f) => f.path.replace(/part-.*$/, ''));
    expect(stored).toContain('tables/silver/sales/state=a%2Fb%3Ac d%25/');
    await fx.lake.ensureLoaded('silver.sales');
    expect(await fx.engine.query('select id, state from silver.sales order by id')).toEqual([
      { id: 1, state: 'SP' },
      { id: 2, state: 'SP' },
      { id: 3, state: 'RJ' },
      { id: 4, state: null },
      { id: 5, state: 'a/b:c d%' },
    ]);
  });

  it('keeps partition columns out of the Parquet files', async () => {
    await fx.lake.write('silver.sales', { sql: SALES, mode: 'append', partitionBy: ['state', 'day'] });
    const files = await fx.lake.files('silver.sales');
    expect(files).toHaveLength(5);
    for (const file of files) {
      const bytes = await fx.storage.read(`tables/silver/sales/${file.path}`);
      const columns = tableFromIPC(fx.parquet.read(bytes)).schema.fields.map((f) => f.name);
      expect(columns).toEqual(['id', 'amount']);
    }
  });

  it('adds partition values back with the column types of the schema', async () => {
    await fx.lake.write('silver.sales', { sql: SALES, mode: 'append', partitionBy: ['day', 'id'] });
    await fx.lake.ensureLoaded('silver.sales');
    const types = await fx.engine.query('describe silver.sales');
    expect(types.map((t) => `${t.column_name} ${t.column_type}`)).toEqual([
      'id INTEGER',
      'state VARCHAR',
      'day DATE',
      'amount DECIMAL(18,2)',
    ]);
    expect(
      await fx.engine.query(
        `select sum(amount)::double as s from silver.sales where day = date '2018-01-03'`,
      ),
    ).toEqual([{ s: 90 }]);
  });

  it('reads only the matching partitions for =, IN, IS NULL and ranges on partition columns', async () => {
    await fx.lake.write('silver.sales', { sql: SALES, mode: 'append', partitionBy: ['state'] });
    expect(await fx.lake.scan('silver.sales', `state = 'SP'`, 'sp')).toEqual({ filesRead: 1, filesTotal: 4 });
    expect(await fx.engine.query('select id from sp order by id')).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await fx.lake.scan('silver.sales', `state in ('RJ', 'SP')`, 'two')).toEqual({
      filesRead: 2,
      filesTotal: 4,
    });
    expect(await fx.lake.scan('silver.sales', 'state is null', 'none')).toEqual({
      filesRead: 1,
      filesTotal: 4,
    });
    expect(await fx.engine.query('select id from none')).toEqual([{ id: 4 }]);
    expect(await fx.lake.scan('silver.sales', `state between 'A' and 'S'`, 'range')).toEqual({
      filesRead: 1,
      filesTotal: 4,
    });
    expect(await fx.lake.scan('silver.sales', `lower(state) = 'sp'`, 'any')).toEqual({
      filesRead: 4,
      filesTotal: 4,
    });
  });

  it('replaces one partition with replaceWhere and leaves the others', async () => {
    await fx.lake.write('silver.sales', { sql: SALES, mode: 'append', partitionBy: ['state'] });
    const commit = await fx.lake.write('silver.sales', {
      sql: `select 9 as id, 'SP' as state, date '2018-02-01' as day, 1.00 as amount`,
      mode: 'overwrite',
      replaceWhere: `state = 'SP'`,
    });
    expect(commit.metrics).toMatchObject({
      numFiles: 1,
      numRemovedFiles: 1,
      numDeletedRows: 2,
      numCopiedRows: 0,
    });
    await fx.lake.ensureLoaded('silver.sales');
    expect(await fx.engine.query('select id from silver.sales order by id')).toEqual([
      { id: 3 },
      { id: 4 },
      { id: 5 },
      { id: 9 },
    ]);
  });

  it('refuses replaceWhere data outside the predicate, and commits nothing', async () => {
    await fx.lake.write('silver.sales', { sql: SALES, mode: 'append', partitionBy: ['state'] });
    const error = await failure(
      fx.lake.write('silver.sales', {
        sql: `select 9 as id, 'RJ' as state, date '2018-02-01' as day, 1.00 as amount`,
        mode: 'overwrite',
        replaceWhere: `state = 'SP'`,
      }),
    );
    expect(error).toEqual({
      name: 'ReplaceWhereMismatch',
      message:
        "1 of the rows written to silver.sales do not match replaceWhere state = 'SP'. Nothing was committed; " +
        'write only rows that match it, or widen the predicate.',
    });
    expect(await fx.lake.latestVersion('silver.sales')).toBe(0);
  });

  it('refuses partition columns that are not columns, and a different partitioning on append', async () => {
    expect(
      await failure(fx.lake.write('silver.sales', { sql: SALES, mode: 'append', partitionBy: ['country'] })),
    ).toEqual({
      name: 'PartitionColumnNotFound',
      message:
        'silver.sales cannot be partitioned by "country": the data has no such column (it has id, state, day, amount)',
    });
    await fx.lake.write('silver.sales', { sql: SALES, mode: 'append', partitionBy: ['state'] });
    expect(
      await failure(fx.lake.write('silver.sales', { sql: SALES, mode: 'append', partitionBy: ['day'] })),
    ).toEqual({
      name: 'PartitionColumnsMismatch',
      message:
        'silver.sales is partitioned by (state), not (day). Leave partitionBy out, or overwrite the table to change its partitioning.',
    });
  });
});
