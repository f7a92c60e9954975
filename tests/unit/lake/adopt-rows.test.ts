import { beforeEach, describe, expect, it } from 'vitest';
import { lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;

beforeEach(async () => {
  fx = await lakeFixture();
});

const ROWS = `select i::bigint as id, 'p' || (i % 3) as part, (i * 1.5)::double as amount,
                     case when i % 5 = 0 then null else 'n' || i end as name
              from range(2500) t(i)`;

async function stageExists(): Promise<boolean> {
  const [{ n }] = await fx.engine.query<{ n: number }>(
    "select count(*)::int as n from duckdb_tables() where table_name = 'staged'",
  );
  return n === 1;
}

/** Rows of the table's latest version read back from its files, minus the expected rows, both ways. */
async function differencesFromFiles(table: string, expectedSql: string): Promise<number> {
  const version = await fx.lake.latestVersion(table);
  await fx.lake.loadVersion(table, { version }, 'main.reread');
  const [{ n }] = await fx.engine.query<{ n: number }>(
    `select count(*)::int as n from (
       (select id, part, amount, name from main.reread except all (${expectedSql}))
       union all
       ((${expectedSql}) except all select id, part, amount, name from main.reread))`,
  );
  await fx.engine.exec('drop table main.reread');
  return n;
}

async function loadedDifferences(table: string, expectedSql: string): Promise<number> {
  const [{ n }] = await fx.engine.query<{ n: number }>(
    `select count(*)::int as n from (
       (select id, part, amount, name from ${table} except all (${expectedSql}))
       union all
       ((${expectedSql}) except all select id, part, amount, name from ${table}))`,
  );
  return n;
}

describe('a lake write adopting the rows it is given', () => {
  for (const partitionBy of [undefined, ['part']]) {
    it(`takes the staged table as its rows${partitionBy ? ' (partitioned)' : ''}: files and loaded table hold them, the staged table is gone`, async () => {
      await fx.engine.exec(`create temp table staged as ${ROWS}`);
      await fx.lake.write('silver.adopted', {
        sql: 'select * from staged',
        mode: 'overwrite',
        partitionBy,
        adoptTable: 'staged',
      });
      expect(await stageExists()).toBe(false);
      expect(await differencesFromFiles('silver.adopted', ROWS)).toBe(0);
      expect(await loadedDifferences('silver.adopted', ROWS)).toBe(0);
      // An append adopts too, and the loaded table gains exactly the new rows.
      await fx.engine.exec(`create temp table staged as ${ROWS}`);
      await fx.lake.write('silver.adopted', {
        sql: 'select * from staged',
        mode: 'append',
        adoptTable: 'staged',
      });
      expect(await stageExists()).toBe(false);
      const twice = `${ROWS} union all ${ROWS}`;
      expect(await differencesFromFiles('silver.adopted', twice)).toBe(0);
      expect(await loadedDifferences('silver.adopted', twice)).toBe(0);
    });
  }

  it('copies a table with deleted rows (row ids with gaps) and leaves it to the caller', async () => {
    await fx.engine.exec(`create temp table staged as ${ROWS}`);
    await fx.engine.exec('delete from staged where id between 100 and 1999');
    const kept = `select * from (${ROWS}) where id not between 100 and 1999`;
    await fx.lake.write('silver.copied', {
      sql: 'select * from staged',
      mode: 'overwrite',
      adoptTable: 'staged',
    });
    expect(await stageExists()).toBe(true);
    expect(await differencesFromFiles('silver.copied', kept)).toBe(0);
    expect(await loadedDifferences('silver.copied', kept)).toBe(0);
  });

  it('takes a staged table with deleted rows as the rows of a partitioned write', async () => {
    await fx.engine.exec(`create temp table staged as ${ROWS}`);
    await fx.engine.exec('delete from staged where id % 7 = 3 or id between 500 and 1500');
    const kept = `select * from (${ROWS}) where not (id % 7 = 3 or id between 500 and 1500)`;
    await fx.lake.write('silver.gaps', {
      sql: 'select * from staged',
      mode: 'overwrite',
      partitionBy: ['part'],
      adoptTable: 'staged',
    });
    expect(await stageExists()).toBe(false);
    expect(await differencesFromFiles('silver.gaps', kept)).toBe(0);
    expect(await loadedDifferences('silver.gaps', kept)).toBe(0);
  });

  it('creates a table by its first MERGE from the staged table itself (partitioned, rows deleted)', async () => {
    await fx.engine.exec(`create temp table staged as ${ROWS}`);
    await fx.engine.exec('delete from staged where id % 5 = 1');
    const kept = `select * from (${ROWS}) where id % 5 <> 1`;
    const first = await fx.lake.merge('silver.first_merge', {
      sourceSql: 'select * from staged',
      keys: ['id'],
      whenMatched: 'ignore',
      partitionBy: ['part'],
      adoptTable: 'staged',
    });
    expect(first.metrics.numTargetRowsInserted).toBe(2000);
    expect(await stageExists()).toBe(false);
    expect(await differencesFromFiles('silver.first_merge', kept)).toBe(0);
    expect(await loadedDifferences('silver.first_merge', kept)).toBe(0);
    const files = await fx.lake.files('silver.first_merge');
    expect(files.map((f) => [f.partitionValues.part, f.numRecords]).sort()).toEqual([
      ['p0', 667],
      ['p1', 666],
      ['p2', 667],
    ]);
  });

  it('drops a staged table it could not adopt once the first MERGE has copied it', async () => {
    await fx.engine.exec(`create temp table staged as select id::integer as id, part from (${ROWS})`);
    await fx.engine.exec('alter table staged add column extra hugeint');
    const first = await fx.lake.merge('silver.first_copied', {
      sourceSql: 'select * from staged',
      keys: ['id'],
      adoptTable: 'staged',
    });
    expect(first.metrics.numTargetRowsInserted).toBe(2500);
    expect(await stageExists()).toBe(false);
    const [{ type }] = await fx.engine.query<{ type: string }>(
      'select typeof(extra) as type from silver.first_copied limit 1',
    );
    expect(type).not.toBe('HUGEINT');
  });

  it("copies a table whose columns are not of the table's types, casting them", async () => {
    await fx.lake.write('silver.typed', { sql: ROWS, mode: 'overwrite' });
    await fx.engine.exec(
      `create temp table staged as select id::integer as id, part, amount, name from (${ROWS})`,
    );
    await fx.lake.write('silver.typed', {
      sql: 'select * from staged',
      mode: 'append',
      adoptTable: 'staged',
    });
    expect(await stageExists()).toBe(true);
    const [{ type }] = await fx.engine.query<{ type: string }>(
      'select typeof(id) as type from silver.typed limit 1',
    );
    expect(type).toBe('BIGINT');
    expect(await differencesFromFiles('silver.typed', `${ROWS} union all ${ROWS}`)).toBe(0);
  });

  it('merges from the staged table itself and drops it; the same rows again commit nothing', async () => {
    await fx.lake.write('silver.merged', {
      sql: `select * from (${ROWS}) where id < 1000`,
      mode: 'overwrite',
    });
    const merge = () =>
      fx.lake.merge('silver.merged', {
        sourceSql: 'select * from staged',
        keys: ['id'],
        whenMatched: 'ignore',
        adoptTable: 'staged',
      });
    await fx.engine.exec(`create temp table staged as ${ROWS}`);
    const first = await merge();
    expect(await stageExists()).toBe(false);
    expect(first.metrics.numTargetRowsInserted).toBe(1500);
    expect(await differencesFromFiles('silver.merged', ROWS)).toBe(0);
    expect(await loadedDifferences('silver.merged', ROWS)).toBe(0);
    await fx.engine.exec(`create temp table staged as ${ROWS}`);
    expect((await merge()).skipped).toBe(true);
    expect(await stageExists()).toBe(false);
  });
});
