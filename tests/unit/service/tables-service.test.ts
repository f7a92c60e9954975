import { beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import { Lake } from '../../../src/lake/lake';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { createLakehouseService } from '../../../src/service/lakehouse-service';

type Service = ReturnType<typeof createLakehouseService>;
let service: Service;

beforeAll(async () => {
  const { engine, parquet } = await bootNodeEngine();
  const storage = new MemoryStorage();
  const lake = new Lake({ engine, parquet, storage });
  service = createLakehouseService(Promise.resolve({ engine, parquet, storage, lake }), performance.now());
  // v0: three orders
  await service.lake.write('silver.t', {
    mode: 'overwrite',
    sql: `select * from (values (1, 'SP', 10.5), (2, 'RJ', 20.0), (3, 'MG', null)) v(id, state, amount)`,
  });
  // v1: order 2 changes, order 3 goes, order 4 comes
  await service.lake.sql(`update silver.t set amount = 25.0 where id = 2`);
  await service.lake.sql(`delete from silver.t where id = 3`);
  await service.lake.write('silver.t', {
    mode: 'append',
    sql: `select 4 as id, 'BA' as state, 7.5 as amount`,
  });
});

describe('comparing two versions of a table', () => {
  it('finds rows added, removed and changed by key, with the values before and after', async () => {
    const diff = await service.lake.compareVersions({ table: 'silver.t', from: 0, to: 3, key: ['id'] });
    expect([diff.added, diff.removed, diff.changed]).toEqual([1, 1, 1]);
    expect(diff.addedRows).toEqual([{ id: 4, state: 'BA', amount: 7.5 }]);
    expect(diff.removedRows).toEqual([{ id: 3, state: 'MG', amount: null }]);
    expect(diff.changedRows).toEqual([
      {
        key: { id: 2 },
        before: { id: 2, state: 'RJ', amount: 20 },
        after: { id: 2, state: 'RJ', amount: 25 },
        differs: ['amount'],
      },
    ]);
    expect(diff.sql).toContain('version as of 3 except all select * from "silver"."t" version as of 0');
  });

  it('without a key (or with one the table lacks) a changed row is one removed and one added', async () => {
    for (const key of [undefined, ['order_id']]) {
      const diff = await service.lake.compareVersions({ table: 'silver.t', from: 0, to: 3, key });
      expect(diff.key).toBeNull();
      expect([diff.added, diff.removed, diff.changed]).toEqual([2, 2, 0]);
      expect(diff.addedRows.map((r) => r.id)).toEqual([2, 4]);
      expect(diff.removedRows.map((r) => r.id)).toEqual([2, 3]);
    }
  });

  it('counts a duplicated row as added (EXCEPT ALL), and two equal versions as no change', async () => {
    await service.lake.write('silver.t', {
      mode: 'append',
      sql: `select 4 as id, 'BA' as state, 7.5 as amount`,
    });
    const diff = await service.lake.compareVersions({ table: 'silver.t', from: 3, to: 4 });
    expect([diff.added, diff.removed]).toEqual([1, 0]);
    const same = await service.lake.compareVersions({ table: 'silver.t', from: 4, to: 4, key: ['id'] });
    expect([same.added, same.removed, same.changed]).toEqual([0, 0, 0]);
  });

  it('names a version that does not exist, and leaves no scratch table behind', async () => {
    await expect(service.lake.compareVersions({ table: 'silver.t', from: 0, to: 99 })).rejects.toThrow(
      'version 99 does not exist',
    );
    const left = await service.lake.sql(
      `select count(*)::int as n from duckdb_tables() where table_name like '%compare%' or table_name like 'tt_%'`,
    );
    expect(left.rows).toEqual([{ n: 0 }]);
  });
});

describe('a version’s schema and column statistics', () => {
  it('gives each column its types and min, max and nulls over the files, from the log alone', async () => {
    const profile = await service.lake.profile('silver.t', 0);
    expect(profile).toMatchObject({ table: 'silver.t', version: 0, numRecords: 3 });
    expect(profile.columns).toEqual([
      {
        name: 'id',
        type: 'INTEGER',
        deltaType: 'integer',
        nullable: true,
        min: 1,
        max: 3,
        nullCount: 0,
        filesWithStats: 1,
      },
      {
        name: 'state',
        type: 'VARCHAR',
        deltaType: 'string',
        nullable: true,
        min: 'MG',
        max: 'SP',
        nullCount: 0,
        filesWithStats: 1,
      },
      {
        name: 'amount',
        type: 'DECIMAL(3,1)',
        deltaType: 'decimal(3,1)',
        nullable: true,
        min: 10.5,
        max: 20,
        nullCount: 1,
        filesWithStats: 1,
      },
    ]);
    const latest = await service.lake.profile('silver.t');
    expect(latest.numFiles).toBeGreaterThan(1);
    expect(latest.columns[0]).toMatchObject({ min: 1, max: 4 });
  });

  it('leaves the max unknown where a file left it out (a long string)', async () => {
    const long = 'x'.repeat(40);
    await service.lake.write('silver.long', { mode: 'overwrite', sql: `select '${long}' as note` });
    const [note] = (await service.lake.profile('silver.long')).columns;
    expect(note.min).toBe('x'.repeat(32));
    expect(note.max).toBeNull();
  });
});
