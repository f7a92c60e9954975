import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InProcessTableLocks } from '../../../src/lake/locks/table-locks';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { failure, lakeFixture, type LakeFixture } from './helpers';
import { TabStorage } from './tab-storage';

let shared: MemoryStorage;
let tabA: TabStorage;
let a: LakeFixture;
let b: LakeFixture;
let engines: { a: LakeFixture; b: LakeFixture } | null = null;

beforeAll(async () => {
  engines = { a: await lakeFixture(), b: await lakeFixture({ freshEngine: true }) };
});

beforeEach(async () => {
  shared = new MemoryStorage();
  tabA = new TabStorage(shared);
  const locks = new InProcessTableLocks();
  a = await lakeFixture({ storage: tabA, locks });
  // The second tab: its own DuckDB (dropped clean), the same storage and the same locks.
  const { engine, parquet } = engines!.b;
  for (const { name } of await engine.query<{ name: string }>(
    `select schema_name as name from information_schema.schemata where catalog_name = current_database() and schema_name not in ('main','information_schema','pg_catalog')`,
  ))
    await engine.exec(`drop schema "${name}" cascade`);
  const { Lake } = await import('../../../src/lake/lake');
  b = {
    ...engines!.b,
    storage: shared,
    lake: new Lake({ engine, parquet, storage: shared, locks, clock: a.clock.read }),
  };
  await a.lake.write('silver.t', { sql: `select * from range(10) t(id)`, mode: 'append' });
});

async function ids(fx: LakeFixture): Promise<number[]> {
  await fx.lake.ensureLoaded('silver.t');
  return (await fx.engine.query<{ id: number }>('select id from silver.t order by id')).map((r) => r.id);
}

async function versions(): Promise<number[]> {
  return (await shared.list('tables/silver/t/_delta_log'))
    .map((f) => /(\d{20})\.json$/.exec(f.path)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
}

describe('two tabs writing one table', () => {
  it('lands concurrent blind appends from both, on contiguous versions', async () => {
    const writes = [];
    for (let i = 0; i < 4; i++) {
      writes.push(a.lake.write('silver.t', { sql: `select 100 + ${i} as id`, mode: 'append' }));
      writes.push(b.lake.write('silver.t', { sql: `select 200 + ${i} as id`, mode: 'append' }));
    }
    const commits = await Promise.all(writes);
    expect(commits.map((c) => c.version).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await versions()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const expected = [...Array(10).keys(), 100, 101, 102, 103, 200, 201, 202, 203];
    expect(await ids(a)).toEqual(expected);
    expect(await ids(b)).toEqual(expected);
  });

  it('retries a blind append on the next version when another commit won the race', async () => {
    tabA.beforeCommit(async () => {
      await b.lake.deleteWhere('silver.t', 'id = 9');
    });
    const commit = await a.lake.write('silver.t', { sql: 'select 50 as id', mode: 'append' });
    expect(commit.version).toBe(2);
    expect(await ids(a)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 50]);
  });

  it('fails a DELETE with ConcurrentAppendException when a concurrent MERGE added rows it would have read', async () => {
    tabA.beforeCommit(async () => {
      await b.lake.merge('silver.t', { sourceSql: 'select 3000 as id', keys: ['id'] });
    });
    const error = await failure(a.lake.deleteWhere('silver.t', 'id > 5'));
    expect(error).toEqual({
      name: 'ConcurrentAppendException',
      message:
        'This DELETE conflicts with a concurrent update of silver.t (version 1, MERGE) that added data it would have read. ' +
        'Nothing was committed; run the DELETE again.',
    });
    expect(await versions()).toEqual([0, 1]);
    const retried = await a.lake.deleteWhere('silver.t', 'id > 5');
    expect(retried.version).toBe(2);
    expect(await ids(a)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('does not fail a DELETE when the concurrent MERGE added rows outside its predicate', async () => {
    tabA.beforeCommit(async () => {
      await b.lake.merge('silver.t', { sourceSql: 'select -1 as id', keys: ['id'] });
    });
    const commit = await a.lake.deleteWhere('silver.t', 'id > 5');
    expect(commit.version).toBe(2);
    expect(await ids(a)).toEqual([-1, 0, 1, 2, 3, 4, 5]);
  });

  it('fails with ConcurrentDeleteReadException when a concurrent OPTIMIZE removed a file it read', async () => {
    await a.lake.write('silver.t', { sql: 'select 10 as id', mode: 'append' });
    tabA.beforeCommit(async () => {
      await b.lake.optimize('silver.t', {});
    });
    const error = await failure(a.lake.deleteWhere('silver.t', 'id = 1'));
    expect(error).toEqual({
      name: 'ConcurrentDeleteReadException',
      message:
        'This DELETE read a file of silver.t that a concurrent update (version 2, OPTIMIZE) removed. ' +
        'Nothing was committed; run the DELETE again.',
    });
  });

  it('treats rows a concurrent DELETE copied as added data a second DELETE would have read', async () => {
    tabA.beforeCommit(async () => {
      await b.lake.deleteWhere('silver.t', 'id = 0');
    });
    expect(await failure(a.lake.deleteWhere('silver.t', 'id = 1'))).toMatchObject({
      name: 'ConcurrentAppendException',
    });
  });

  it('fails with MetadataChangedException when a concurrent overwrite changed the schema', async () => {
    tabA.beforeCommit(async () => {
      await b.lake.write('silver.t', { sql: `select 'x' as name`, mode: 'overwrite' });
    });
    const error = await failure(a.lake.write('silver.t', { sql: 'select 11 as id', mode: 'append' }));
    expect(error).toEqual({
      name: 'MetadataChangedException',
      message:
        'This WRITE conflicts with a concurrent update of silver.t (version 1, WRITE) that changed its schema or properties. ' +
        "Nothing was committed; check the table's new schema, then run the WRITE again.",
    });
  });

  it('deletes the data files of a transaction that failed, leaving no orphans', async () => {
    tabA.beforeCommit(async () => {
      await b.lake.deleteWhere('silver.t', 'id = 0');
    });
    await failure(a.lake.deleteWhere('silver.t', 'id = 1'));
    const live = (await a.lake.files('silver.t')).map((f) => f.path);
    const stored = (await shared.list('tables/silver/t'))
      .map((f) => f.path.slice('tables/silver/t/'.length))
      .filter((p) => !p.startsWith('_delta_log'));
    expect(stored.filter((p) => !live.includes(p))).toHaveLength(1); // the file version 1 removed, kept for time travel
  });

  it('lets OPTIMIZE and a concurrent append both commit', async () => {
    await a.lake.write('silver.t', { sql: 'select 10 as id', mode: 'append' });
    tabA.beforeCommit(async () => {
      await b.lake.write('silver.t', { sql: 'select 11 as id', mode: 'append' });
    });
    const optimized = await a.lake.optimize('silver.t', {});
    expect(optimized.version).toBe(3);
    expect(await ids(a)).toEqual([...Array(12).keys()]);
  });

  it('commits an ingestion once when two tabs ingest the same file at once', async () => {
    const txn = { appId: 'landing/orders-1.csv', version: 1 };
    tabA.beforeCommit(async () => {
      await b.lake.write('silver.t', { sql: 'select 500 as id', mode: 'append', txn });
    });
    const second = await a.lake.write('silver.t', { sql: 'select 500 as id', mode: 'append', txn });
    expect(second).toMatchObject({ skipped: true, version: 1 });
    expect((await ids(a)).filter((id) => id === 500)).toHaveLength(1);
  });

  it('never writes a version twice, even against a writer that ignores the lock', async () => {
    tabA.beforeCommit(async () => {
      // A foreign writer (no lock) takes version 1 directly.
      const text = `{"commitInfo":{"timestamp":1,"operation":"WRITE","isBlindAppend":true}}\n`;
      expect(
        await shared.writeIfAbsent(
          'tables/silver/t/_delta_log/00000000000000000001.json',
          new TextEncoder().encode(text),
        ),
      ).toBe(true);
    });
    const commit = await a.lake.write('silver.t', { sql: 'select 77 as id', mode: 'append' });
    expect(commit.version).toBe(2);
    expect(await versions()).toEqual([0, 1, 2]);
  });
});

describe('two tabs creating one table at once', () => {
  it('lands both first appends when they bring the same schema', async () => {
    tabA.beforeCommit(async () => {
      await b.lake.write('silver.fresh', { sql: 'select 1 as id', mode: 'append' });
    });
    const commit = await a.lake.write('silver.fresh', { sql: 'select 2 as id', mode: 'append' });
    expect(commit.version).toBe(1);
    await a.lake.ensureLoaded('silver.fresh');
    expect(await a.engine.query('select id from silver.fresh order by id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('fails the second with MetadataChangedException when the schemas differ', async () => {
    tabA.beforeCommit(async () => {
      await b.lake.write('silver.fresh', { sql: `select 'b' as name`, mode: 'append' });
    });
    expect(await failure(a.lake.write('silver.fresh', { sql: 'select 2 as id', mode: 'append' }))).toEqual({
      name: 'MetadataChangedException',
      message:
        'silver.fresh was created at the same time by another writer with a different schema or partitioning ' +
        "(version 0, WRITE). Nothing was committed; check the table's schema, then run the WRITE again.",
    });
  });

  it('fails a creating MERGE with ProtocolChangedException when another writer created the table first', async () => {
    tabA.beforeCommit(async () => {
      await b.lake.write('silver.fresh', { sql: 'select 1 as id', mode: 'append' });
    });
    expect(
      await failure(a.lake.merge('silver.fresh', { sourceSql: 'select 2 as id', keys: ['id'] })),
    ).toEqual({
      name: 'ProtocolChangedException',
      message:
        'This MERGE conflicts with a concurrent update of silver.fresh (version 0, WRITE) that changed its protocol version. ' +
        "Nothing was committed; check the table's new schema, then run the MERGE again.",
    });
  });
});

describe('in-process table locks', () => {
  it('lets shared holders in together and keeps an exclusive holder alone, in arrival order', async () => {
    const locks = new InProcessTableLocks();
    const events: string[] = [];
    const hold = (id: string, mode: 'shared' | 'exclusive', ms: number) =>
      locks.run('t', mode, async () => {
        events.push(`+${id}`);
        await new Promise((r) => setTimeout(r, ms));
        events.push(`-${id}`);
      });
    await Promise.all([
      hold('s1', 'shared', 20),
      hold('s2', 'shared', 5),
      hold('x', 'exclusive', 5),
      hold('s3', 'shared', 1),
    ]);
    expect(events).toEqual(['+s1', '+s2', '-s2', '-s1', '+x', '-x', '+s3', '-s3']);
  });
});

describe('a metadata change racing a blind append', () => {
  const freshIds = async () => {
    const { Lake } = await import('../../../src/lake/lake');
    const lake = new Lake({ engine: b.engine, parquet: b.parquet, storage: shared });
    await lake.ensureLoaded('silver.t');
    return (await b.engine.query<{ id: number }>('select id from silver.t order by id')).map((r) => r.id);
  };

  it('fails an overwrite that changes the schema when a blind append landed meanwhile (the appended row is kept)', async () => {
    tabA.beforeCommit(async () => {
      await b.lake.write('silver.t', { sql: 'select 42 as id', mode: 'append' });
    });
    const overwrite = a.lake.write('silver.t', {
      sql: `select 'x' as name, date '2026-01-01' as d`,
      mode: 'overwrite',
    });
    expect(await failure(overwrite)).toEqual({
      name: 'ConcurrentAppendException',
      message:
        'This WRITE conflicts with a concurrent update of silver.t (version 1, WRITE) that added data it would have read. ' +
        'Nothing was committed; run the WRITE again.',
    });
    expect(await versions()).toEqual([0, 1]);
    expect(await freshIds()).toEqual([...Array(10).keys(), 42]);
  });

  it('fails a RESTORE to a version of another schema when a blind append landed meanwhile', async () => {
    await a.lake.write('silver.t', { sql: `select 'x' as name`, mode: 'overwrite' });
    // RESTORE writes no data file: the other tab appends after A read its snapshot, before A commits.
    tabA.beforeListingLog(async () => {
      await b.lake.write('silver.t', { sql: `select 'y' as name`, mode: 'append' });
    });
    const error = await failure(a.lake.restore('silver.t', { version: 0 }));
    expect(error).toEqual({
      name: 'ConcurrentAppendException',
      message:
        'This RESTORE conflicts with a concurrent update of silver.t (version 2, WRITE) that added data it would have read. ' +
        'Nothing was committed; run the RESTORE again.',
    });
    expect(await versions()).toEqual([0, 1, 2]);
  });

  it('keeps a concurrent blind append through an overwrite of the same schema, as Delta does', async () => {
    tabA.beforeCommit(async () => {
      await b.lake.write('silver.t', { sql: 'select 42 as id', mode: 'append' });
    });
    const commit = await a.lake.write('silver.t', { sql: 'select * from range(3) t(id)', mode: 'overwrite' });
    expect(commit.version).toBe(2);
    expect(await freshIds()).toEqual([0, 1, 2, 42]);
  });
});

describe('a reset in one tab while another tab writes', () => {
  it('waits for the write to commit, then leaves an empty lake that reads and writes', async () => {
    let resetting: Promise<void> | null = null;
    tabA.beforeCommit(async () => {
      resetting = b.lake.dropAll();
      // Give the reset every chance to run now; it must wait for this write instead.
      await Promise.race([resetting, new Promise((r) => setTimeout(r, 300))]);
    });
    const commit = await a.lake.write('silver.t', { sql: 'select 99 as id', mode: 'append' });
    expect(commit.version).toBe(1);
    await resetting;
    expect(await shared.list('tables')).toEqual([]);
    expect(await a.lake.latestVersion('silver.t')).toBe(-1);
    const next = await a.lake.write('silver.t', { sql: 'select 7 as id', mode: 'append' });
    expect(next.version).toBe(0);
    expect(await ids(b)).toEqual([7]);
  });

  it('refuses a commit whose read version is gone (the table was deleted under it) and leaves nothing behind', async () => {
    tabA.beforeCommit(async () => {
      await shared.deleteFolder('');
    });
    expect(await failure(a.lake.write('silver.t', { sql: 'select 99 as id', mode: 'append' }))).toEqual({
      name: 'TableDeletedConcurrently',
      message:
        'silver.t was deleted or replaced while this WRITE ran (its version 0, which the WRITE read, is gone: ' +
        'was the lakehouse reset in another tab?). Nothing was committed; run the WRITE again.',
    });
    expect(await shared.list('')).toEqual([]);
    expect((await a.lake.write('silver.t', { sql: 'select 1 as id', mode: 'append' })).version).toBe(0);
  });
});
