import { beforeEach, describe, expect, it } from 'vitest';
import { failure, lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;

beforeEach(async () => {
  fx = await lakeFixture();
  await fx.lake.write('silver.events', { sql: `select * from range(10) t(id)`, mode: 'append' }); // v0: file A
  fx.clock.advanceHours(1);
  await fx.lake.write('silver.events', { sql: `select * from range(10, 20) t(id)`, mode: 'append' }); // v1: + file B
  fx.clock.advanceHours(1);
  await fx.lake.write('silver.events', { sql: `select * from range(5) t(id)`, mode: 'overwrite' }); // v2: C replaces A, B
});

async function dataFiles(): Promise<string[]> {
  return (await fx.storage.list('tables/silver/events'))
    .map((f) => f.path.slice('tables/silver/events/'.length))
    .filter((p) => !p.startsWith('_delta_log'))
    .sort();
}

describe('VACUUM', () => {
  it('keeps files that versions inside the retention window need', async () => {
    fx.clock.advanceHours(100);
    const result = await fx.lake.vacuum('silver.events', {});
    expect(result).toEqual({ table: 'silver.events', dryRun: false, files: [], bytes: 0 });
    expect(await dataFiles()).toHaveLength(3);
  });

  it('deletes files removed longer ago than the retention; time travel inside the window still works', async () => {
    const removed = (await fx.lake.files('silver.events', { version: 1 })).map((f) => f.path).sort();
    fx.clock.advanceHours(169);
    const dry = await fx.lake.vacuum('silver.events', { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, files: removed });
    expect(dry.bytes).toBeGreaterThan(0);
    expect(await dataFiles()).toHaveLength(3);
    const done = await fx.lake.vacuum('silver.events', {});
    expect(done).toMatchObject({ dryRun: false, files: removed, bytes: dry.bytes });
    expect(await dataFiles()).toEqual((await fx.lake.files('silver.events')).map((f) => f.path));
    await fx.lake.ensureLoaded('silver.events');
    expect(await fx.engine.query('select count(*)::int as n from silver.events')).toEqual([{ n: 5 }]);
    expect(await failure(fx.lake.loadVersion('silver.events', { version: 1 }, 'old'))).toMatchObject({
      name: 'DataFileMissing',
    });
  });

  it('refuses a retention shorter than 168 hours unless forced', async () => {
    expect(await failure(fx.lake.vacuum('silver.events', { retainHours: 1 }))).toEqual({
      name: 'RetentionTooShort',
      message:
        'VACUUM silver.events RETAIN 1 HOURS would delete files that time travel to the last 168 hours still needs. ' +
        'Keep at least 168 hours, or force it (add FORCE: VACUUM silver.events RETAIN 1 HOURS FORCE) if you will not read older versions.',
    });
    expect(await dataFiles()).toHaveLength(3);
    const forced = await fx.lake.vacuum('silver.events', { retainHours: 0, force: true });
    expect(forced.files).toHaveLength(2);
    expect(await dataFiles()).toHaveLength(1);
  });

  it('removes orphan data files and temporary files that no commit references', async () => {
    await fx.storage.write('tables/silver/events/part-00000-orphan-c000.zstd.parquet', new Uint8Array(100));
    await fx.storage.write(
      'tables/silver/events/part-00001-x.zstd.parquet.tmp-write-123',
      new Uint8Array(50),
    );
    await fx.storage.write(
      'tables/silver/events/_delta_log/00000000000000000003.json.tmp-write-9',
      new Uint8Array(10),
    );
    const dry = await fx.lake.vacuum('silver.events', { dryRun: true });
    expect(dry.files).toEqual([
      '_delta_log/00000000000000000003.json.tmp-write-9',
      'part-00000-orphan-c000.zstd.parquet',
      'part-00001-x.zstd.parquet.tmp-write-123',
    ]);
    expect(dry.bytes).toBe(160);
    await fx.lake.vacuum('silver.events', {});
    expect(await dataFiles()).toHaveLength(3);
    expect(await fx.lake.latestVersion('silver.events')).toBe(2);
  });

  it('refuses a negative retention', async () => {
    expect(await failure(fx.lake.vacuum('silver.events', { retainHours: -5, force: true }))).toEqual({
      name: 'InvalidRetention',
      message: 'RETAIN -5 HOURS is not a retention: give 0 or more hours',
    });
  });
});

describe('VACUUM with a retention longer than the checkpoint keeps removed files', () => {
  it('keeps every file a version inside the window reads, in a tab that opened the table from its checkpoint', async () => {
    const removedAtV2 = (await fx.lake.files('silver.events', { version: 1 })).map((f) => f.path).sort();
    fx.clock.advanceHours(190);
    // Versions 3-10; version 10 writes a checkpoint, which keeps only tombstones younger than 7 days.
    for (let i = 0; i < 8; i++)
      await fx.lake.write('silver.events', { sql: `select ${100 + i} as id`, mode: 'append' });
    expect(
      await fx.storage.stat('tables/silver/events/_delta_log/00000000000000000010.checkpoint.parquet'),
    ).not.toBeNull();
    const { Lake } = await import('../../../src/lake/lake');
    const tab = new Lake({
      engine: fx.engine,
      parquet: fx.parquet,
      storage: fx.storage,
      clock: fx.clock.read,
    });
    // Version 1 (read files A and B, removed by version 2 some 190 hours ago) is inside a 240-hour window.
    const dry = await tab.vacuum('silver.events', { retainHours: 240, dryRun: true });
    expect(dry.files).toEqual([]);
    await tab.vacuum('silver.events', { retainHours: 240 });
    expect((await dataFiles()).filter((p) => removedAtV2.includes(p))).toEqual(removedAtV2);
    expect(await tab.loadVersion('silver.events', { version: 1 }, 'main.v1')).toBe(1);
    expect(await fx.engine.query('select count(*)::int as n from main.v1')).toEqual([{ n: 20 }]);
    // With the default 168 hours they are outside the window, whichever tab runs it.
    expect((await tab.vacuum('silver.events', { dryRun: true })).files).toEqual(removedAtV2);
    expect((await fx.lake.vacuum('silver.events', { dryRun: true })).files).toEqual(removedAtV2);
  });
});
