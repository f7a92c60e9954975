import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../../src/service/serial-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the engine queue', () => {
  it('runs jobs one at a time in the order they were queued, a failure not stopping the next', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    const job =
      (name: string, fail = false) =>
      async () => {
        order.push(`${name} start`);
        await tick();
        order.push(`${name} end`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run(job('a')),
      queue.run(job('b', true)),
      queue.run(job('c')),
    ]);
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('lets the interactive jobs waiting run in a slot a long job opens, and the others after it', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    let slotOpen: () => void;
    const reachedSlot = new Promise<void>((resolve) => (slotOpen = resolve));
    const long = queue.run(async () => {
      order.push('model 1');
      slotOpen();
      await tick(); // requests arrive while model 1 runs
      order.push(`slot ran ${await queue.openSlot()}`);
      order.push('model 2');
    });
    await reachedSlot;
    const batch = queue.run(async () => void order.push('ingestion'));
    const chart = queue.run(async () => void order.push('chart query'), { interactive: true });
    const history = queue.run(async () => void order.push('history'), { interactive: true });
    await Promise.all([long, batch, chart, history]);
    expect(order).toEqual(['model 1', 'chart query', 'history', 'slot ran 2', 'model 2', 'ingestion']);
  });

  it('a slot waits a moment for the requests a commit announced, then runs them', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    await queue.run(async () => {
      const since = queue.interactiveCount;
      setTimeout(
        () => void queue.run(async () => void order.push('late chart query'), { interactive: true }),
        30,
      );
      const ran = await queue.openSlot({ count: 1, since, timeoutMs: 2_000 });
      order.push(`slot ran ${ran}`);
    });
    expect(order).toEqual(['late chart query', 'slot ran 1']);
  });

  it('a slot gives up waiting for requests that never come', async () => {
    const queue = new SerialQueue();
    const started = performance.now();
    const ran = await queue.run(() =>
      queue.openSlot({ count: 3, since: queue.interactiveCount, timeoutMs: 60 }),
    );
    expect(ran).toBe(0);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('runs in a slot only what waited when it opened: a stream of requests cannot hold the long job back', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    const again = () =>
      queue.run(
        async () => {
          order.push('query');
          if (order.length < 50) void again();
        },
        { interactive: true },
      );
    await queue.run(async () => {
      void again();
      await queue.openSlot();
      order.push('model 2');
    });
    expect(order.slice(0, 2)).toEqual(['query', 'model 2']);
  });
});
