import { describe, expect, it } from 'vitest';
import type { LakeCommitEvent } from '../../../src/lake/lake';
import { lakeFixture } from './helpers';

describe('the lake tells of its commits', () => {
  it('publishes each version written, and nothing for a write that committed nothing', async () => {
    const { lake } = await lakeFixture();
    const heard: LakeCommitEvent[] = [];
    const stop = lake.onCommit((event) => heard.push(event));
    await lake.write('silver.t', { mode: 'overwrite', sql: 'select 1 as id, 10 as v' });
    await lake.write('silver.t', {
      mode: 'append',
      sql: 'select 2 as id, 20 as v',
      txn: { appId: 'a', version: 1 },
    });
    await lake.write('silver.t', {
      mode: 'append',
      sql: 'select 2 as id, 20 as v',
      txn: { appId: 'a', version: 1 },
    });
    await lake.merge('silver.t', { sourceSql: 'select 1 as id, 10 as v', keys: ['id'] });
    await lake.deleteWhere('silver.t', 'id = 2');
    await lake.restore('silver.t', { version: 0 });
    expect(heard).toEqual([
      { kind: 'commit', table: 'silver.t', version: 0, operation: 'WRITE' },
      { kind: 'commit', table: 'silver.t', version: 1, operation: 'WRITE' },
      { kind: 'commit', table: 'silver.t', version: 2, operation: 'DELETE' },
      { kind: 'commit', table: 'silver.t', version: 3, operation: 'RESTORE' },
    ]);
    stop();
    await lake.write('silver.t', { mode: 'append', sql: 'select 3 as id, 30 as v' });
    expect(heard).toHaveLength(4);
  });

  it('publishes a reset when every table is dropped, and a failing listener does not undo a commit', async () => {
    const { lake } = await lakeFixture();
    const heard: string[] = [];
    lake.onCommit(() => {
      throw new Error('a broken screen');
    });
    lake.onCommit((event) => heard.push(event.kind));
    const result = await lake.write('gold.t', { mode: 'overwrite', sql: 'select 1 as x' });
    expect(result.version).toBe(0);
    expect(await lake.latestVersion('gold.t')).toBe(0);
    await lake.dropAll();
    expect(heard).toEqual(['commit', 'reset']);
  });
});
