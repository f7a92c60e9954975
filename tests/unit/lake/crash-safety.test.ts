import { beforeEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/engine/errors';
import { storageFull } from '../../../src/lake/storage/errors';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { failure, lakeFixture, type LakeFixture } from './helpers';

/** Storage that dies at a chosen write: from then on nothing it is asked ever finishes (a closed tab). */
class DyingStorage extends MemoryStorage {
  dieAt: ((path: string) => boolean) | null = null;
  dead = false;
  override async write(path: string, bytes: Uint8Array): Promise<void> {
    if (this.dead || this.dieAt?.(path)) return this.die();
    return super.write(path, bytes);
  }
  override async writeIfAbsent(path: string, bytes: Uint8Array): Promise<boolean> {
    if (this.dead || this.dieAt?.(path)) return this.die();
    return super.writeIfAbsent(path, bytes);
  }
  private die(): Promise<never> {
    this.dead = true;
    return new Promise(() => {});
  }
}

/** Storage with a quota, failing the way OpfsStorage does when the browser refuses a write. */
class QuotaStorage extends MemoryStorage {
  quota = Number.MAX_SAFE_INTEGER;
  override async write(path: string, bytes: Uint8Array): Promise<void> {
    await this.check(path, bytes);
    return super.write(path, bytes);
  }
  override async writeIfAbsent(path: string, bytes: Uint8Array): Promise<boolean> {
    await this.check(path, bytes);
    return super.writeIfAbsent(path, bytes);
  }
  private async check(path: string, bytes: Uint8Array): Promise<void> {
    const { usedBytes } = await this.usage();
    if (usedBytes + bytes.byteLength > this.quota) throw storageFull(path, usedBytes, this.quota);
  }
}

let fx: LakeFixture;

/** Wait until the write has reached the point where the storage dies under it. */
async function untilDead(storage: DyingStorage): Promise<void> {
  for (let i = 0; i < 600 && !storage.dead; i++) await new Promise((r) => setTimeout(r, 50));
  expect(storage.dead).toBe(true);
}

const TABLE = 'tables/silver/orders';

async function storedFiles(storage: MemoryStorage): Promise<string[]> {
  return (await storage.list(TABLE)).map((f) => f.path.slice(TABLE.length + 1));
}

describe('a tab closed in the middle of a commit', () => {
  let storage: DyingStorage;

  beforeEach(async () => {
    storage = new DyingStorage();
    fx = await lakeFixture({ storage });
    await fx.lake.write('silver.orders', { sql: 'select * from range(100) t(id)', mode: 'append' });
  });

  it('after its data files, before its log entry: the table stays at its version, VACUUM finds the orphans', async () => {
    storage.dieAt = (path) => path.includes('_delta_log/00000000000000000001');
    void fx.lake.write('silver.orders', { sql: 'select * from range(100, 300) t(id)', mode: 'append' });
    await untilDead(storage);
    storage.dieAt = null;
    storage.dead = false;
    const reopened = await lakeFixture({ storage, freshEngine: true });
    expect(await reopened.lake.ensureLoaded('silver.orders')).toBe(0);
    expect(await reopened.engine.query('select count(*)::int as n from silver.orders')).toEqual([{ n: 100 }]);
    const live = (await reopened.lake.files('silver.orders')).map((f) => f.path);
    const orphans = (await storedFiles(storage)).filter(
      (p) => !p.startsWith('_delta_log') && !live.includes(p),
    );
    expect(orphans).toHaveLength(1);
    expect((await reopened.lake.vacuum('silver.orders', { dryRun: true })).files).toEqual(orphans);
    await reopened.lake.vacuum('silver.orders', {});
    expect((await storedFiles(storage)).filter((p) => !p.startsWith('_delta_log'))).toEqual(live);
    const next = await reopened.lake.write('silver.orders', { sql: 'select 1000 as id', mode: 'append' });
    expect(next.version).toBe(1);
  });

  it('in the middle of its data files: the table stays at its version', async () => {
    storage.dieAt = (path) => path.endsWith('.parquet') && !path.includes('_delta_log');
    void fx.lake.write('silver.orders', { sql: 'select * from range(5) t(id)', mode: 'overwrite' });
    await untilDead(storage);
    storage.dieAt = null;
    storage.dead = false;
    const reopened = await lakeFixture({ storage, freshEngine: true });
    expect(await reopened.lake.ensureLoaded('silver.orders')).toBe(0);
    expect(await reopened.engine.query('select count(*)::int as n from silver.orders')).toEqual([{ n: 100 }]);
  });
});

describe('storage full during a commit', () => {
  let storage: QuotaStorage;

  beforeEach(async () => {
    storage = new QuotaStorage();
    fx = await lakeFixture({ storage });
    await fx.lake.write('silver.orders', { sql: 'select * from range(100) t(id)', mode: 'append' });
    await fx.lake.ensureLoaded('silver.orders');
  });

  it('leaves the table at its version, deletes what the commit wrote, and says how to free space', async () => {
    const before = await storedFiles(storage);
    storage.quota = (await storage.usage()).usedBytes + 10;
    const error = await failure(
      fx.lake.write('silver.orders', { sql: 'select * from range(100, 100000) t(id)', mode: 'append' }),
    );
    expect(error.name).toBe('StorageFull');
    expect(error.message).toMatch(
      /^Storage is full while writing tables\/silver\/orders\/part-\S+\.parquet: 0 MB of 0 MB used\. Nothing was committed\. Free space with VACUUM on large tables, delete old landing files, or reset the lakehouse\.$/,
    );
    expect(await fx.lake.latestVersion('silver.orders')).toBe(0);
    expect(await storedFiles(storage)).toEqual(before);
    expect(await fx.engine.query('select count(*)::int as n from silver.orders')).toEqual([{ n: 100 }]);
  });

  it('when the log entry itself does not fit: nothing committed, no data files left behind', async () => {
    const before = await storedFiles(storage);
    const data = storage.write.bind(storage);
    // Let the data file in, then refuse everything else.
    storage.write = async (path, bytes) => {
      await data(path, bytes);
      storage.quota = (await storage.usage()).usedBytes;
    };
    const error = await failure(fx.lake.write('silver.orders', { sql: 'select 5 as id', mode: 'append' }));
    expect(error.name).toBe('StorageFull');
    expect(error.message).toContain('tables/silver/orders/_delta_log/00000000000000000001.json');
    expect(await fx.lake.latestVersion('silver.orders')).toBe(0);
    expect(await storedFiles(storage)).toEqual(before);
  });
});

/** Storage that refuses the n-th data file write, as a full disk does. */
class FullAtStorage extends MemoryStorage {
  dataWrites = 0;
  failAt = Number.MAX_SAFE_INTEGER;
  override async write(path: string, bytes: Uint8Array): Promise<void> {
    if (path.endsWith('.parquet') && !path.includes('_delta_log') && ++this.dataWrites === this.failAt)
      throw storageFull(path, 10, 10);
    return super.write(path, bytes);
  }
}

describe('a write that fails part-way', () => {
  const partitioned = `select i as id, ['a', 'b', 'c'][i % 3 + 1] as part from range(30) t(i)`;

  async function leftovers(storage: MemoryStorage, engine: LakeFixture['engine']) {
    const live = new Set((await fx.lake.files('silver.orders')).map((f) => f.path));
    const files = (await storedFiles(storage)).filter((p) => !p.startsWith('_delta_log') && !live.has(p));
    const scratch = await engine.query<{ name: string }>(
      `select table_name as name from duckdb_tables() where schema_name = '__lake' and table_name not like '%.%'`,
    );
    return { files, scratch: scratch.map((s) => s.name) };
  }

  it('storage full on the third of three partition files: deletes the two it wrote and its scratch tables', async () => {
    const storage = new FullAtStorage();
    fx = await lakeFixture({ storage });
    await fx.lake.write('silver.orders', { sql: partitioned, mode: 'append', partitionBy: ['part'] });
    storage.dataWrites = 0;
    storage.failAt = 3;
    const error = await failure(fx.lake.write('silver.orders', { sql: partitioned, mode: 'append' }));
    expect(error.name).toBe('StorageFull');
    expect(error.message).toContain('Nothing was committed.');
    expect(await fx.lake.latestVersion('silver.orders')).toBe(0);
    expect(await leftovers(storage, fx.engine)).toEqual({ files: [], scratch: [] });
  });

  for (const [cause, fault] of [
    ['out of memory', () => new Error('Out of Memory Error: failed to allocate block of 262144 bytes')],
    ['a cancel', () => new CancelledError('The query')],
  ] as const) {
    it(`${cause} between two data files of an OPTIMIZE: the same`, async () => {
      const storage = new MemoryStorage();
      fx = await lakeFixture({ storage });
      await fx.lake.write('silver.orders', { sql: partitioned, mode: 'append', partitionBy: ['part'] });
      await fx.lake.write('silver.orders', { sql: partitioned, mode: 'append' });
      const { Lake } = await import('../../../src/lake/lake');
      let exports = 0;
      const engine = Object.create(fx.engine) as LakeFixture['engine'];
      engine.queryArrow = async (sql, params) => {
        if (++exports === 2) throw fault();
        return fx.engine.queryArrow(sql, params);
      };
      const lake = new Lake({ engine, parquet: fx.parquet, storage, clock: fx.clock.read });
      // Z-ordered into files of a few rows each: one export query per file.
      const error = await failure(lake.optimize('silver.orders', { zorderBy: ['id'], targetFileBytes: 60 }));
      expect(error.message).toBe(fault().message);
      expect(exports).toBe(2);
      expect(await lake.latestVersion('silver.orders')).toBe(1);
      expect(await leftovers(storage, fx.engine)).toEqual({ files: [], scratch: [] });
    });
  }
});
