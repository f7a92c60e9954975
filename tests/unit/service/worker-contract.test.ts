import * as Comlink from 'comlink';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineApi } from '../../../src/service/contract';
import type { CommitEvent } from '../../../src/service/contract';
import { memoryService } from './memory-service';

// The worker's API seen as the UI sees it: the real service exposed on one end of a message
// channel and wrapped by Comlink on the other, as workers/engine.worker.ts and src/ui/engine-client.ts do.
let remote: Comlink.Remote<EngineApi>;
let channel: MessageChannel;

beforeAll(async () => {
  const service = await memoryService();
  channel = new MessageChannel();
  Comlink.expose(service, channel.port1);
  remote = Comlink.wrap<EngineApi>(channel.port2);
});

afterAll(() => {
  channel.port1.close();
  channel.port2.close();
});

describe('the engine worker contract', () => {
  it('is one namespace per area', async () => {
    const service = await memoryService();
    expect(Object.keys(service).sort()).toEqual(
      ['admin', 'commits', 'console', 'debug', 'exports', 'external', 'lake', 'pipeline', 'sources'].sort(),
    );
  });

  it('answers calls into a namespace across the channel', async () => {
    expect((await remote.admin.info()).duckdbVersion).toMatch(/^v\d+\.\d+/);
    await remote.lake.write('silver.t', { mode: 'overwrite', sql: `select 1 as id` });
    expect((await remote.lake.listTables()).map((t) => t.name)).toEqual(['silver.t']);
    const result = await remote.console.run('select id + 1 as n from silver.t');
    expect(result.rows).toEqual([{ n: 2 }]);
    expect(await remote.console.rows(result.id, 0, 10)).toEqual([{ n: 2 }]);
  });

  it('calls back through a proxied listener and rejects with the typed error', async () => {
    const heard: CommitEvent[] = [];
    const { id } = await remote.commits.subscribe(
      Comlink.proxy((event: CommitEvent) => void heard.push(event)),
    );
    await remote.lake.write('silver.t', { mode: 'append', sql: `select 2 as id` });
    await vi.waitFor(() =>
      expect(heard).toContainEqual(
        expect.objectContaining({ kind: 'commit', table: 'silver.t', version: 1 }),
      ),
    );
    await remote.commits.unsubscribe(id);
    await expect(remote.lake.history('silver.nope')).rejects.toMatchObject({ name: 'TableNotFound' });
  });
});
