import { beforeEach, describe, expect, it } from 'vitest';
import { countingCodec, resetCounts, type DecodeCounts } from './counting-codec';
import { lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;

const customers = (rows: string) => `select * from (values ${rows}) t(customer_id, city)`;

/** Whether DuckDB holds the view `layer.name` right now (false once the loaded copy was dropped). */
async function isLoaded(table: string): Promise<boolean> {
  const [layer, name] = table.split('.');
  const found = await fx.engine.query(
    'select 1 from information_schema.tables where table_schema = ? and table_name = ?',
    [layer, name],
  );
  return found.length > 0;
}

async function cities(): Promise<unknown[]> {
  await fx.lake.ensureLoaded('silver.customers');
  return fx.engine.query('select customer_id, city from silver.customers order by customer_id');
}

describe('loaded tables over the memory budget', () => {
  beforeEach(async () => {
    // A budget of 0 bytes: every table an earlier operation used is dropped at the next load.
    fx = await lakeFixture({ loadedBudgetBytes: 0 });
    await fx.lake.write('silver.customers', {
      sql: customers(`('c1', 'sao paulo'), ('c2', 'rio')`),
      mode: 'append',
    });
    await fx.lake.write('silver.customers', { sql: customers(`('c3', 'curitiba')`), mode: 'append' });
    await fx.lake.write('silver.sellers', { sql: `select 's1' as seller_id`, mode: 'overwrite' });
  });

  it('drops a table an earlier operation loaded and loads the same rows again when it is read', async () => {
    await fx.lake.ensureLoaded('silver.sellers');
    expect(await isLoaded('silver.customers')).toBe(false);
    expect(await cities()).toEqual([
      { customer_id: 'c1', city: 'sao paulo' },
      { customer_id: 'c2', city: 'rio' },
      { customer_id: 'c3', city: 'curitiba' },
    ]);
  });

  it('keeps every table loaded since the last commit, so a query can join them', async () => {
    await fx.lake.ensureLoaded('silver.customers');
    await fx.lake.ensureLoaded('silver.sellers');
    expect(await isLoaded('silver.customers')).toBe(true);
    const joined = await fx.engine.query(
      'select count(*)::INTEGER as n from silver.customers, silver.sellers',
    );
    expect(joined).toEqual([{ n: 3 }]);
  });

  it('merges correctly into a table that was dropped from memory', async () => {
    await fx.lake.ensureLoaded('silver.sellers');
    expect(await isLoaded('silver.customers')).toBe(false);
    const commit = await fx.lake.merge('silver.customers', {
      sourceSql: customers(`('c2', 'natal'), ('c4', 'recife')`),
      keys: ['customer_id'],
    });
    expect(commit.metrics).toMatchObject({ numTargetRowsUpdated: 1, numTargetRowsInserted: 1 });
    await fx.lake.ensureLoaded('silver.sellers');
    expect(await cities()).toEqual([
      { customer_id: 'c1', city: 'sao paulo' },
      { customer_id: 'c2', city: 'natal' },
      { customer_id: 'c3', city: 'curitiba' },
      { customer_id: 'c4', city: 'recife' },
    ]);
  });

  it('deletes correctly from a table that was dropped from memory, and time travel still reads the old version', async () => {
    await fx.lake.ensureLoaded('silver.sellers');
    await fx.lake.deleteWhere('silver.customers', 'customer_id = ?', ['c1']);
    await fx.lake.ensureLoaded('silver.sellers');
    expect(await cities()).toEqual([
      { customer_id: 'c2', city: 'rio' },
      { customer_id: 'c3', city: 'curitiba' },
    ]);
    await fx.lake.loadVersion('silver.customers', { version: 1 }, 'main.customers_v1');
    expect(await fx.engine.query('select count(*)::INTEGER as n from main.customers_v1')).toEqual([{ n: 3 }]);
  });

  it("reads another lake's commit made while the table was dropped from memory", async () => {
    const other = await lakeFixture({ storage: fx.storage, freshEngine: true });
    await fx.lake.ensureLoaded('silver.sellers');
    expect(await isLoaded('silver.customers')).toBe(false);
    await other.lake.write('silver.customers', { sql: customers(`('c9', 'belem')`), mode: 'append' });
    expect(await cities()).toContainEqual({ customer_id: 'c9', city: 'belem' });
    expect(await cities()).toHaveLength(4);
  });
});

describe('loaded tables within the default budget', () => {
  it('stay loaded across commits', async () => {
    fx = await lakeFixture();
    await fx.lake.write('silver.customers', { sql: customers(`('c1', 'rio')`), mode: 'append' });
    await fx.lake.write('silver.sellers', { sql: `select 's1' as seller_id`, mode: 'overwrite' });
    await fx.lake.ensureLoaded('silver.sellers');
    expect(await isLoaded('silver.customers')).toBe(true);
  });
});

describe('a commit over the memory budget', () => {
  beforeEach(async () => {
    fx = await lakeFixture({ loadedBudgetBytes: 0 });
    await fx.lake.write('silver.customers', {
      sql: customers(`('c1', 'rio'), ('c2', 'natal')`),
      mode: 'append',
    });
    await fx.lake.write('silver.sellers', { sql: `select 's1' as seller_id`, mode: 'overwrite' });
  });

  it('drops a table loaded before it that its SQL does not read', async () => {
    await fx.lake.ensureLoaded('silver.customers');
    await fx.engine.exec('create or replace table main.staged as select * from silver.customers');
    await fx.lake.write('gold.customers_copy', { sql: 'select * from main.staged', mode: 'overwrite' });
    expect(await isLoaded('silver.customers')).toBe(false);
    await fx.lake.ensureLoaded('gold.customers_copy');
    expect(await fx.engine.query('select count(*)::INTEGER as n from gold.customers_copy')).toEqual([
      { n: 2 },
    ]);
  });

  it('loads the tables a DELETE predicate reads, even ones dropped from memory before', async () => {
    await fx.lake.ensureLoaded('silver.customers');
    await fx.lake.write('gold.gone', { sql: customers(`('c2', 'natal')`), mode: 'overwrite' });
    await fx.lake.ensureLoaded('silver.sellers');
    expect(await isLoaded('gold.gone')).toBe(false);
    await fx.lake.deleteWhere('silver.customers', 'customer_id in (select customer_id from gold.gone)');
    expect(await cities()).toEqual([{ customer_id: 'c1', city: 'rio' }]);
  });

  it('reads a table loaded before it when its SQL names it', async () => {
    await fx.lake.ensureLoaded('silver.customers');
    await fx.lake.write('gold.joined', {
      sql: 'select c.customer_id, s.seller_id from silver.customers c, silver.sellers s',
      mode: 'overwrite',
    });
    await fx.lake.ensureLoaded('gold.joined');
    expect(await fx.engine.query('select count(*)::INTEGER as n from gold.joined')).toEqual([{ n: 2 }]);
  });
});

describe('a large own write', () => {
  // More rows than the 500k above which an own write used to be left unloaded (and decoded back
  // from its files by the next reader).
  const ROWS = 600_000;
  const numbers = (n: number) =>
    `select i::bigint as id, 'p' || (i % 4) as part, 'name ' || i as name from range(${n}) t(i)`;
  const decoded: DecodeCounts = { whole: 0, batched: 0, batches: 0 };

  async function counted(options: { loadedBudgetBytes?: number } = {}): Promise<LakeFixture> {
    const base = await lakeFixture(options);
    return lakeFixture({ ...options, storage: base.storage, parquet: countingCodec(base.parquet, decoded) });
  }

  it('is read next from its loaded copy, not from its files, with the rows written', async () => {
    fx = await counted();
    await fx.lake.write('silver.numbers', { sql: numbers(ROWS), mode: 'overwrite', partitionBy: ['part'] });
    await fx.lake.write('silver.sellers', { sql: `select 's1' as seller_id`, mode: 'overwrite' });
    resetCounts(decoded);
    await fx.lake.ensureLoaded('silver.numbers');
    expect(decoded).toEqual({ whole: 0, batched: 0, batches: 0 });
    expect(
      await fx.engine.query(
        `select count(*)::INTEGER as n, count(distinct id)::INTEGER as ids, sum(id)::BIGINT as total
         from silver.numbers where name = 'name ' || id and part = 'p' || (id % 4)`,
      ),
    ).toEqual([{ n: ROWS, ids: ROWS, total: (ROWS * (ROWS - 1)) / 2 }]);
  });

  it('is replaced in place by an overwrite and updated in place by a MERGE, never read back', async () => {
    fx = await counted();
    await fx.lake.write('silver.numbers', { sql: numbers(1000), mode: 'overwrite', partitionBy: ['part'] });
    await fx.lake.write('silver.numbers', { sql: numbers(ROWS), mode: 'overwrite', partitionBy: ['part'] });
    resetCounts(decoded);
    // A MERGE rewriting one partition's file applies its files to the loaded copy in place.
    await fx.engine.exec(
      `create temp table changes as select * from (${numbers(ROWS + 200)}) where id >= ${ROWS - 10} and part = 'p0'`,
    );
    await fx.lake.merge('silver.numbers', {
      sourceSql: "select id, part, name || ' again' as name from changes",
      keys: ['id'],
    });
    await fx.lake.ensureLoaded('silver.numbers');
    expect(decoded).toEqual({ whole: 0, batched: 0, batches: 0 });
    const [loaded] = await fx.engine.query(
      `select count(*)::INTEGER as n, count(*) filter (where name like '% again')::INTEGER as changed
       from silver.numbers`,
    );
    expect(loaded).toEqual({ n: ROWS + 50, changed: 52 });
  });

  it('is dropped by the budget like any loaded copy, and then read from its files', async () => {
    // A budget of 0 bytes: every table an earlier operation used is dropped at the next load.
    fx = await counted({ loadedBudgetBytes: 0 });
    await fx.lake.write('silver.numbers', { sql: numbers(ROWS), mode: 'overwrite', partitionBy: ['part'] });
    await fx.lake.write('silver.sellers', { sql: `select 's1' as seller_id`, mode: 'overwrite' });
    await fx.lake.ensureLoaded('silver.sellers');
    expect(await isLoaded('silver.numbers')).toBe(false);
    resetCounts(decoded);
    await fx.lake.ensureLoaded('silver.numbers');
    // Each partition's 150k rows are two files (DEFAULT_MAX_ROWS_PER_FILE): one of 122,880 rows,
    // decoded in batches, and one of 27,120, small enough to be decoded whole.
    expect({ whole: decoded.whole, batched: decoded.batched }).toEqual({ whole: 4, batched: 4 });
    expect(await fx.engine.query('select count(*)::INTEGER as n from silver.numbers')).toEqual([{ n: ROWS }]);
  });
});
