import { beforeEach, describe, expect, it } from 'vitest';
import { failure, lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;

beforeEach(async () => {
  fx = await lakeFixture();
  await fx.lake.write('silver.items', { sql: `select * from range(3) t(id)`, mode: 'append' }); // v0: 0,1,2
  fx.clock.advanceHours(1);
  await fx.lake.write('silver.items', { sql: `select * from range(3, 5) t(id)`, mode: 'append' }); // v1: 0..4
  fx.clock.advanceHours(1);
  await fx.lake.deleteWhere('silver.items', 'id < 2'); // v2: 2,3,4
  fx.clock.advanceHours(1);
});

async function ids(): Promise<number[]> {
  await fx.lake.ensureLoaded('silver.items');
  return (await fx.engine.query<{ id: number }>('select id from silver.items order by id')).map((r) => r.id);
}

describe('DESCRIBE HISTORY and RESTORE', () => {
  it('lists every commit newest first with its operation, parameters and metrics', async () => {
    const history = await fx.lake.history('silver.items');
    expect(history.map((h) => [h.version, h.timestamp, h.operation])).toEqual([
      [2, '2026-11-25 12:00:00', 'DELETE'],
      [1, '2026-11-25 11:00:00', 'WRITE'],
      [0, '2026-11-25 10:00:00', 'WRITE'],
    ]);
    expect(history[0].operationParameters).toEqual({ predicate: '["id < 2"]' });
    expect(history[0].operationMetrics).toMatchObject({
      numDeletedRows: 2,
      numCopiedRows: 1,
      numRemovedFiles: 1,
    });
    expect(history[1]).toMatchObject({
      operationParameters: { mode: 'Append' },
      readVersion: 0,
      isBlindAppend: true,
    });
  });

  it('restores an older version as a new commit, with Delta’s metrics', async () => {
    const commit = await fx.lake.restore('silver.items', { version: 1 });
    expect(commit).toMatchObject({ version: 3, operation: 'RESTORE' });
    expect(commit.metrics).toMatchObject({
      num_of_files_after_restore: 2,
      num_removed_files: 1,
      num_restored_files: 1,
      table_size_after_restore: expect.any(Number),
      removed_files_size: expect.any(Number),
      restored_files_size: expect.any(Number),
    });
    expect(await ids()).toEqual([0, 1, 2, 3, 4]);
    const [entry] = await fx.lake.history('silver.items');
    expect(entry).toMatchObject({ version: 3, operation: 'RESTORE', operationParameters: { version: '1' } });
  });

  it('restores to a timestamp, and restoring again goes forward in history', async () => {
    await fx.lake.restore('silver.items', { timestamp: '2026-11-25 10:30:00' });
    expect(await ids()).toEqual([0, 1, 2]);
    await fx.lake.restore('silver.items', { version: 2 });
    expect(await ids()).toEqual([2, 3, 4]);
    expect(await fx.lake.latestVersion('silver.items')).toBe(4);
  });

  it('restores an older schema too', async () => {
    await fx.lake.write('silver.items', { sql: `select 'x' as name`, mode: 'overwrite' });
    await fx.lake.restore('silver.items', { version: 1 });
    expect(await ids()).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses a version that does not exist, and a version whose files VACUUM deleted', async () => {
    expect(await failure(fx.lake.restore('silver.items', { version: 7 }))).toEqual({
      name: 'VersionNotFound',
      message: 'silver.items has versions 0–2; version 7 does not exist',
    });
    fx.clock.advanceHours(200);
    await fx.lake.vacuum('silver.items', {});
    const error = await failure(fx.lake.restore('silver.items', { version: 0 }));
    expect(error.name).toBe('RestoreFilesMissing');
    expect(error.message).toMatch(
      /^silver\.items cannot be restored to version 0: 1 of its data files were deleted by VACUUM \(e\.g\. part-\S+\.parquet\)\. Nothing was committed; restore a version inside the retention window \(DESCRIBE HISTORY silver\.items lists them\)\.$/,
    );
    expect(await fx.lake.latestVersion('silver.items')).toBe(2);
  });
});
