import { beforeAll, describe, expect, it, vi } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { QueryResult, SqlValue } from '../../../src/engine/types';
import { Lake } from '../../../src/lake/lake';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import type { CommitEvent } from '../../../src/service/commit-events';
import { createLakehouseService } from '../../../src/service/lakehouse-service';
import {
  localAnswerMemory,
  MAX_REMEMBERED_ANSWER_CHARS,
  MAX_REMEMBERED_CHARS,
  type KeyValueStore,
} from '../../../src/ui/query/answer-memory';
import { QueryCoordinator } from '../../../src/ui/query/coordinator';
import { storageLogHeads } from '../../../src/ui/query/log-heads';

type Service = ReturnType<typeof createLakehouseService>;
let service: Service;
let storage: MemoryStorage;

beforeAll(async () => {
  const { engine, parquet } = await bootNodeEngine();
  storage = new MemoryStorage();
  const lake = new Lake({ engine, parquet, storage });
  service = createLakehouseService(Promise.resolve({ engine, parquet, storage, lake }), performance.now());
});

/** localStorage as a plain object: what the page keeps across a reload. */
function keyValueStore(): KeyValueStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/**
 * One page's coordinator over the real service, remembering answers in `kept` and checking them
 * against the lake's Delta logs. `begin()` is the engine starting: until then nothing is sent.
 */
function page(kept: KeyValueStore) {
  const asked: string[] = [];
  const heard: CommitEvent[] = [];
  const coordinator = new QueryCoordinator(
    {
      query: (sql: string, params: SqlValue[], limit: number): Promise<QueryResult> => {
        asked.push(sql);
        return service.lake.query(sql, params, limit);
      },
    },
    { remember: { memory: localAnswerMemory(kept), heads: storageLogHeads(storage) } },
  );
  coordinator.onCommit((event) => void heard.push(event));
  let id = 0;
  return {
    coordinator,
    asked,
    heard,
    async begin() {
      const subscription = await service.commits.subscribe((event: CommitEvent) => coordinator.commit(event));
      id = subscription.id;
      coordinator.begin(subscription.versions);
    },
    close: () => service.commits.unsubscribe(id),
  };
}

/** A page that answered `sql` (asked to remember it) and wrote what it remembers. */
async function answeredOnce(kept: KeyValueStore & { items: Map<string, string> }, sql: string) {
  const first = page(kept);
  await first.begin();
  const answer = await first.coordinator.query({ sql, remember: true });
  await vi.waitFor(() => expect(kept.items.size).toBe(1));
  await first.close();
  return answer;
}

const TOTAL = 'select sum(orders)::bigint as orders, max(state) as top from gold.shop';

describe('answers remembered across a reload', () => {
  it('gives a remembered answer at once after a reload, before the engine has started, while its table still ends at the commit it read', async () => {
    await service.lake.write('gold.shop', {
      mode: 'overwrite',
      sql: `select * from (values ('SP', 10), ('RJ', 20)) t(state, orders)`,
    });
    const kept = keyValueStore();
    const answer = await answeredOnce(kept, TOTAL);
    expect(answer.rows).toEqual([{ orders: 30, top: 'SP' }]);

    const reloaded = page(kept);
    const again = await reloaded.coordinator.query({ sql: TOTAL, remember: true });
    expect(again.rows).toEqual([{ orders: 30, top: 'SP' }]);
    expect(reloaded.asked).toEqual([]);
    // The engine starts at the same version: nobody is told to ask again.
    await reloaded.begin();
    expect(reloaded.heard).toEqual([]);
    await reloaded.close();
  });

  it('asks the engine after a reload when the table has a commit the answer did not read', async () => {
    const kept = keyValueStore();
    await answeredOnce(kept, TOTAL);
    await service.lake.write('gold.shop', { mode: 'append', sql: `select 'BA' as state, 5 as orders` });

    const reloaded = page(kept);
    const answer = reloaded.coordinator.query({ sql: TOTAL, remember: true });
    await reloaded.begin();
    expect((await answer).rows).toEqual([{ orders: 35, top: 'SP' }]);
    expect(reloaded.asked).toEqual([TOTAL]);
    await reloaded.close();
  });

  it('does not take a table written again at the same version after a reset for the one it remembered', async () => {
    const kept = keyValueStore();
    await answeredOnce(kept, TOTAL);
    const remembered = await service.lake.latestVersion('gold.shop');
    await service.admin.reset();
    await new Promise((resolve) => setTimeout(resolve, 5)); // a later file time
    for (let version = 0; version <= remembered; version++)
      await service.lake.write('gold.shop', {
        mode: version === 0 ? 'overwrite' : 'append',
        sql: `select 'AC' as state, 1 as orders`,
      });
    expect(await service.lake.latestVersion('gold.shop')).toBe(remembered);

    const reloaded = page(kept);
    const answer = reloaded.coordinator.query({ sql: TOTAL, remember: true });
    await reloaded.begin();
    expect((await answer).rows).toEqual([{ orders: remembered + 1, top: 'AC' }]);
    expect(reloaded.asked).toEqual([TOTAL]);
    await reloaded.close();
  });

  it('tells the listeners of a commit when the engine starts past the version of an answer it gave', async () => {
    const kept = keyValueStore();
    await answeredOnce(kept, TOTAL);
    const reloaded = page(kept);
    const given = await reloaded.coordinator.query({ sql: TOTAL, remember: true });
    expect(reloaded.asked).toEqual([]);
    // A commit lands after the logs were read and before the engine has started.
    await service.lake.write('gold.shop', { mode: 'append', sql: `select 'AM' as state, 100 as orders` });
    await reloaded.begin();
    const version = await service.lake.latestVersion('gold.shop');
    expect(reloaded.heard).toEqual([{ kind: 'commit', table: 'gold.shop', version, operation: 'RELOAD' }]);
    const fresh = await reloaded.coordinator.query({ sql: TOTAL, remember: true });
    expect(fresh.rows[0].orders).toBe((given.rows[0].orders as number) + 100);
    await reloaded.close();
  });

  it('remembers an answer the page had already, from its cache, once asked to', async () => {
    const kept = keyValueStore();
    const first = page(kept);
    await first.begin();
    await first.coordinator.query({ sql: TOTAL });
    const cached = await first.coordinator.query({ sql: TOTAL, remember: true });
    expect(first.asked).toEqual([TOTAL]);
    await vi.waitFor(() => expect(kept.items.size).toBe(1));
    await first.close();
    const reloaded = page(kept);
    expect((await reloaded.coordinator.query({ sql: TOTAL, remember: true })).rows).toEqual(cached.rows);
    expect(reloaded.asked).toEqual([]);
  });

  it('remembers only what was asked to be, and never a VERSION AS OF answer', async () => {
    const kept = keyValueStore();
    const first = page(kept);
    await first.begin();
    await first.coordinator.query({ sql: TOTAL });
    await first.coordinator.query({
      sql: `${TOTAL.replace('gold.shop', 'gold.shop version as of 0')}`,
      remember: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(kept.items.size).toBe(0);
    await first.close();
  });
});

describe('the memory of answers in localStorage', () => {
  const answer = (rows: Record<string, unknown>[]) => ({
    question: 'q',
    reads: [{ table: 'gold.t', version: 3, modified: 1700000000000 }],
    result: { columns: [{ name: 'n', type: 'BIGINT' }], rows, rowCount: rows.length, elapsedMs: 1 },
  });

  it('reads back numbers, strings, nulls and bigints as they were', () => {
    const kept = keyValueStore();
    const rows = [{ n: 12345678901234567890n, s: 'a "quoted" text', x: null, f: 1.5, b: true }];
    localAnswerMemory(kept).save([answer(rows)]);
    expect(localAnswerMemory(kept).load()).toEqual([answer(rows)]);
  });

  it('does not keep an answer holding a value it cannot read back, or one too large', () => {
    const kept = keyValueStore();
    const bytes = answer([{ n: new Uint8Array([1, 2]) }]);
    const large = answer([{ n: 'x'.repeat(MAX_REMEMBERED_ANSWER_CHARS) }]);
    const small = answer([{ n: 1 }]);
    localAnswerMemory(kept).save([bytes, large, small]);
    expect(localAnswerMemory(kept).load()).toEqual([small]);
  });

  it('keeps the most recent answers within its size, not the oldest beyond it', () => {
    const kept = keyValueStore();
    const sized = (n: number) => ({
      ...answer([{ n: 'x'.repeat(MAX_REMEMBERED_ANSWER_CHARS - 400) }]),
      question: `q${n}`,
    });
    const answers = Array.from({ length: 6 }, (_, n) => sized(n));
    localAnswerMemory(kept).save(answers);
    const fit = Math.floor(MAX_REMEMBERED_CHARS / MAX_REMEMBERED_ANSWER_CHARS);
    expect(
      localAnswerMemory(kept)
        .load()
        .map((a) => a.question),
    ).toEqual(answers.slice(0, fit).map((a) => a.question));
    expect(kept.items.get('pocket-lakehouse:answers')!.length).toBeLessThanOrEqual(
      MAX_REMEMBERED_CHARS + 100,
    );
  });

  it('forgets what it cannot read: damaged text, another format, an entry of the wrong shape', () => {
    const kept = keyValueStore();
    for (const text of [
      '{"format":1,"answers":[',
      '{"format":2,"answers":[]}',
      '{"format":1,"answers":[{"question":"q","reads":[{"table":"gold.t"}],"result":{"rows":[],"columns":[]}}]}',
    ]) {
      kept.setItem('pocket-lakehouse:answers', text);
      expect(localAnswerMemory(kept).load()).toEqual([]);
    }
    expect(localAnswerMemory(null).load()).toEqual([]);
  });
});
