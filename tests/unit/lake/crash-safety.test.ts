import { beforeEach, describe, expect, it } from 'vitest';
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
