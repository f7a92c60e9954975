import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { liveAt } from '../../../src/lake/explore/file-history';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { GOLDEN_DIR, failure, lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;

beforeEach(async () => {
  fx = await lakeFixture();
});

/** v0 create (1 file, 100 rows), v1..v3 appends of 50 rows each: four small files. */
async function fourSmallFiles(): Promise<void> {
  await fx.lake.write('silver.orders', {
    sql: `select i as order_id, 'c' || lpad((i * 37 % 100)::varchar, 3, '0') as customer from range(100) t(i)`,
    mode: 'overwrite',
  });
  for (let batch = 1; batch <= 3; batch++) {
    await fx.lake.write('silver.orders', {
      sql: `select 100 * ${batch} + i as order_id, 'c' || lpad(((i + ${batch}) * 37 % 100)::varchar, 3, '0') as customer
            from range(50) t(i)`,
      mode: 'append',
    });
  }
}

describe('the transaction-log explorer over a lake table', () => {
  it('lists every version with its operation, files and rows added and removed', async () => {
    await fourSmallFiles();
    await fx.lake.deleteWhere('silver.orders', 'order_id < 10'); // v4: rewrites the first file
    await fx.lake.optimize('silver.orders'); // v5: four files -> one
    await fx.lake.restore('silver.orders', { version: 3 }); // v6
    const timeline = await fx.lake.timeline('silver.orders');
    expect(
      timeline.map((t) => [t.version, t.operation, t.filesAdded, t.filesRemoved, t.rowsAdded, t.rowsRemoved]),
    ).toEqual([
      [0, 'WRITE', 1, 0, 100, 0],
      [1, 'WRITE', 1, 0, 50, 0],
      [2, 'WRITE', 1, 0, 50, 0],
      [3, 'WRITE', 1, 0, 50, 0],
      [4, 'DELETE', 1, 1, 90, 100],
      [5, 'OPTIMIZE', 1, 4, 240, 240],
      [6, 'RESTORE', 4, 1, 250, 240],
    ]);
    expect(timeline.map((t) => t.dataChange)).toEqual([true, true, true, true, true, false, true]);
    expect(timeline[0].changesMetadata).toBe(true);
    expect(timeline[1].changesMetadata).toBe(false);
    expect(timeline[4].operationMetrics).toMatchObject({ numDeletedRows: 10, numRemovedFiles: 1 });
    expect(timeline[6].timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  });

  it("reads one version's actions in order, with the commit file's raw JSON", async () => {
    await fourSmallFiles();
    const first = await fx.lake.commitActions('silver.orders', 0);
    expect(first.actions.map((a) => Object.keys(a)[0])).toEqual([
      'commitInfo',
      'protocol',
      'metaData',
      'add',
    ]);
    const text = new TextDecoder().decode(
      await fx.storage.read('tables/silver/orders/_delta_log/00000000000000000000.json'),
    );
    expect(first.raw).toBe(text);
    const add = first.actions[3].add as { stats: string; size: number };
    expect(JSON.parse(add.stats)).toMatchObject({
      numRecords: 100,
      minValues: { order_id: 0, customer: 'c000' },
      maxValues: { order_id: 99, customer: 'c099' },
    });
  });

  it('refuses a version the log does not have, naming the versions it has', async () => {
    await fourSmallFiles();
    expect(await failure(fx.lake.commitActions('silver.orders', 9))).toEqual({
      name: 'VersionNotFound',
      message: 'silver.orders has versions 0–3; version 9 does not exist',
    });
    expect(await failure(fx.lake.commitActions('silver.nothing', 0))).toMatchObject({
      name: 'TableNotFound',
    });
    expect(await failure(fx.lake.timeline('silver.nothing'))).toMatchObject({ name: 'TableNotFound' });
  });

  it('draws every file with its stats and live versions: OPTIMIZE closes the small ones, RESTORE reopens them', async () => {
    await fourSmallFiles();
    await fx.lake.optimize('silver.orders'); // v4
    await fx.lake.restore('silver.orders', { version: 2 }); // v5: the first three files are back
    const history = await fx.lake.fileHistory('silver.orders');
    expect(history).toMatchObject({
      table: 'silver.orders',
      latestVersion: 5,
      columns: [
        { name: 'order_id', type: 'long' },
        { name: 'customer', type: 'string' },
      ],
      partitionColumns: [],
    });
    expect(history.files).toHaveLength(5);
    const [a, b, c, d, optimized] = history.files;
    expect(a).toMatchObject({ numRecords: 100, minValues: { order_id: 0 }, maxValues: { order_id: 99 } });
    expect(a.live).toEqual([
      { from: 0, to: 4 },
      { from: 5, to: null },
    ]);
    expect(d.live).toEqual([{ from: 3, to: 4 }]);
    expect(optimized.live).toEqual([{ from: 4, to: 5 }]);
    expect(optimized.numRecords).toBe(250);
    expect(history.files.every((f) => f.present)).toBe(true);
    expect([a, b, c, d, optimized].map((f) => liveAt(f, 4))).toEqual([false, false, false, false, true]);
    expect([a, b, c, d, optimized].map((f) => liveAt(f, 5))).toEqual([true, true, true, false, false]);
    const live = (await fx.lake.files('silver.orders')).map((f) => f.path).sort();
    expect(
      history.files
        .filter((f) => liveAt(f, 5))
        .map((f) => f.path)
        .sort(),
    ).toEqual(live);
  });

  it('marks the files VACUUM deleted as no longer stored', async () => {
    await fourSmallFiles();
    await fx.lake.optimize('silver.orders');
    fx.clock.advanceHours(1);
    const deleted = await fx.lake.vacuum('silver.orders', { retainHours: 0, force: true });
    expect(deleted.files).toHaveLength(4);
    const history = await fx.lake.fileHistory('silver.orders');
    expect(
      history.files
        .filter((f) => !f.present)
        .map((f) => f.path)
        .sort(),
    ).toEqual(deleted.files);
    expect(history.files.filter((f) => f.present)).toHaveLength(1);
  });

  it('explains which files a filter reads and which data skipping skips, as the scan itself does', async () => {
    await fourSmallFiles();
    const wide = await fx.lake.explainScan('silver.orders', "customer = 'c042'");
    expect({ read: wide.read.length, skipped: wide.skipped.length }).toEqual({ read: 4, skipped: 0 });
    const narrow = await fx.lake.explainScan('silver.orders', 'order_id between 120 and 130');
    expect(narrow.read).toHaveLength(1);
    expect(narrow.skipped).toHaveLength(3);
    const scan = await fx.lake.scan('silver.orders', 'order_id between 120 and 130', 'main.looked_up');
    expect(scan).toEqual({ filesRead: 1, filesTotal: 4 });
    const bytes = (await fx.lake.files('silver.orders')).reduce((sum, f) => sum + f.size, 0);
    await fx.lake.optimize('silver.orders', {
      zorderBy: ['customer'],
      targetFileBytes: Math.ceil(bytes / 4),
    });
    const after = await fx.lake.explainScan('silver.orders', "customer = 'c042'");
    expect(after.read.length).toBeLessThan(after.read.length + after.skipped.length);
    expect(after.read).toHaveLength(1);
    const old = await fx.lake.explainScan('silver.orders', "customer = 'c042'", { version: 3 });
    expect(old).toMatchObject({ version: 3, read: wide.read, skipped: [] });
    // Anything skipping does not understand reads every file.
    const unknown = await fx.lake.explainScan('silver.orders', "upper(customer) = 'C042'");
    expect(unknown.skipped).toEqual([]);
  });

  it('drops one table with its history; the name starts again at version 0', async () => {
    await fourSmallFiles();
    await fx.lake.write('silver.kept', { sql: 'select 1 as id', mode: 'overwrite' });
    await fx.lake.ensureLoaded('silver.orders');
    await fx.lake.dropTable('silver.orders');
    expect(await fx.lake.exists('silver.orders')).toBe(false);
    expect(await fx.storage.list('tables/silver/orders')).toEqual([]);
    expect(await failure(fx.engine.query('select * from silver.orders'))).toMatchObject({
      message: expect.stringContaining('silver.orders'),
    });
    expect(await fx.lake.exists('silver.kept')).toBe(true);
    const again = await fx.lake.write('silver.orders', { sql: 'select 7 as order_id', mode: 'overwrite' });
    expect(again.version).toBe(0);
    expect((await fx.lake.timeline('silver.orders')).map((t) => t.version)).toEqual([0]);
  });
});

describe('the explorer over a table written elsewhere', () => {
  /** simple_table_with_checkpoint with its commits before the checkpoint cleaned up, as Spark's log retention does. */
  async function cleanedLog(): Promise<MemoryStorage> {
    const storage = new MemoryStorage();
    const log = join(GOLDEN_DIR, 'simple_table_with_checkpoint', '_delta_log');
    for (const name of [
      '00000000000000000010.json',
      '00000000000000000010.checkpoint.parquet',
      '_last_checkpoint',
    ])
      await storage.write(`tables/golden/cleaned/_delta_log/${name}`, readFileSync(join(log, name)));
    return storage;
  }

  it('starts from the checkpoint when the oldest commits are gone', async () => {
    const storage = await cleanedLog();
    fx = await lakeFixture({ storage });
    const timeline = await fx.lake.timeline('golden.cleaned');
    expect(timeline.map((t) => [t.version, t.operation])).toEqual([[10, 'WRITE']]);
    const history = await fx.lake.fileHistory('golden.cleaned');
    expect(history.latestVersion).toBe(10);
    expect(history.files).toHaveLength(11);
    // The checkpoint holds them all; the one commit left says which file version 10 added.
    expect(history.files.filter((f) => f.live[0].from === null)).toHaveLength(10);
    expect(history.files.filter((f) => f.live[0].from === 10)).toHaveLength(1);
    expect(history.files.every((f) => liveAt(f, 10))).toBe(true);
    // The data files were not copied: the explorer says so instead of failing.
    expect(history.files.every((f) => !f.present)).toBe(true);
  });
});
