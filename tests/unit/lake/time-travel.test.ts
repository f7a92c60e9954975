import { beforeEach, describe, expect, it } from 'vitest';
import { failure, lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;

/** Versions 0, 1, 2 an hour apart: 1, then 2, then 3 rows. */
beforeEach(async () => {
  fx = await lakeFixture();
  for (let i = 1; i <= 3; i++) {
    await fx.lake.write('silver.orders', { sql: `select ${i} as id, 'v${i - 1}' as note`, mode: 'append' });
    fx.clock.advanceHours(1);
  }
});

async function idsAt(spec: { version: number } | { timestamp: string }): Promise<number[]> {
  await fx.lake.loadVersion('silver.orders', spec, 'travel');
  return (await fx.engine.query<{ id: number }>('select id from travel order by id')).map((r) => r.id);
}

describe('time travel', () => {
  it('reads any version', async () => {
    expect(await idsAt({ version: 0 })).toEqual([1]);
    expect(await idsAt({ version: 1 })).toEqual([1, 2]);
    expect(await idsAt({ version: 2 })).toEqual([1, 2, 3]);
  });

  it('reads the latest version at or before a timestamp (UTC, as DESCRIBE HISTORY shows it)', async () => {
    expect(await idsAt({ timestamp: '2026-11-25 10:00:00' })).toEqual([1]);
    expect(await idsAt({ timestamp: '2026-11-25 10:59:59.999' })).toEqual([1]);
    expect(await idsAt({ timestamp: '2026-11-25 11:00:00' })).toEqual([1, 2]);
    expect(await idsAt({ timestamp: '2026-11-25T11:30:00Z' })).toEqual([1, 2]);
    expect(await idsAt({ timestamp: '2030-01-01' })).toEqual([1, 2, 3]);
  });

  it('tells which versions exist when asked for one that does not', async () => {
    expect(await failure(fx.lake.loadVersion('silver.orders', { version: 12 }, 'travel'))).toEqual({
      name: 'VersionNotFound',
      message: 'silver.orders has versions 0–2; version 12 does not exist',
    });
    expect(await failure(fx.lake.loadVersion('silver.orders', { version: -1 }, 'travel'))).toMatchObject({
      name: 'VersionNotFound',
    });
  });

  it('tells when the table did not exist yet at a timestamp', async () => {
    expect(
      await failure(fx.lake.loadVersion('silver.orders', { timestamp: '2026-11-24 09:00:00' }, 'travel')),
    ).toEqual({
      name: 'TimestampBeforeFirstVersion',
      message:
        'silver.orders has no version at or before 2026-11-24 09:00:00: its first version (0) was committed at ' +
        '2026-11-25 10:00:00. Use a later timestamp.',
    });
  });

  it('refuses text that is not a timestamp, saying how to write one', async () => {
    expect(await failure(fx.lake.loadVersion('silver.orders', { timestamp: 'yesterday' }, 'travel'))).toEqual(
      {
        name: 'InvalidTimestamp',
        message:
          "'yesterday' is not a timestamp: write it as 'YYYY-MM-DD HH:MM:SS' in UTC, e.g. '2026-11-25 10:00:00'",
      },
    );
  });

  it('reads old versions of a long table through its checkpoints', async () => {
    for (let i = 4; i <= 25; i++) {
      await fx.lake.write('silver.orders', { sql: `select ${i} as id, 'v${i - 1}' as note`, mode: 'append' });
    }
    const log = (await fx.storage.list('tables/silver/orders/_delta_log')).map((f) =>
      f.path.split('/').pop(),
    );
    expect(log).toContain('00000000000000000010.checkpoint.parquet');
    expect(log).toContain('00000000000000000020.checkpoint.parquet');
    const last = JSON.parse(
      new TextDecoder().decode(await fx.storage.read('tables/silver/orders/_delta_log/_last_checkpoint')),
    );
    expect(last).toEqual({ version: 20, size: 23 });
    expect((await idsAt({ version: 4 })).length).toBe(5);
    expect((await idsAt({ version: 14 })).length).toBe(15);
    expect((await idsAt({ version: 24 })).length).toBe(25);
  });

  it('opens a table from its checkpoint, in another process, with the same rows', async () => {
    for (let i = 4; i <= 12; i++) {
      await fx.lake.write('silver.orders', { sql: `select ${i} as id, 'v${i - 1}' as note`, mode: 'append' });
    }
    const other = await lakeFixture({ storage: fx.storage, freshEngine: true });
    expect(await other.lake.ensureLoaded('silver.orders')).toBe(11);
    expect(
      await other.engine.query('select count(*)::int as n, sum(id)::int as s from silver.orders'),
    ).toEqual([{ n: 12, s: 78 }]);
  });
});
