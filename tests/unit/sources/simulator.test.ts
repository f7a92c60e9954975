import { beforeAll, describe, expect, it } from 'vitest';
import { generateToLanding } from '../../../src/sources/generator/generate-to-landing';
import { DEMO_FAULTS, NO_FAULTS, type SimulatorCatalog } from '../../../src/sources/simulator/catalog';
import { readCatalog } from '../../../src/sources/simulator/read-catalog';
import { ClickstreamSimulator } from '../../../src/sources/simulator/simulator';
import { SimulatorRunner } from '../../../src/sources/simulator/simulator-runner';
import { freshSources, job } from './helpers/fixture';

interface Event {
  event_id: string;
  event_type: string;
  event_ts: string;
  session_id: string;
  user_id: string | null;
  product_id: string | null;
  order_id: string | null;
  app_version?: string;
}

/** A catalog read from generated data ingested into Bronze (the way the app builds it). */
async function generatedCatalog(
  scale = 0.02,
): Promise<{ catalog: SimulatorCatalog; env: Awaited<ReturnType<typeof freshSources>> }> {
  const env = await freshSources();
  await generateToLanding(env.storage, { scale, seed: 99 });
  await env.sources.ingestLanding(job());
  return { catalog: await readCatalog(env.lake, env.engine), env };
}

function decode(batch: { bytes: Uint8Array }): { events: Event[]; malformed: string[] } {
  const events: Event[] = [];
  const malformed: string[] = [];
  for (const line of new TextDecoder().decode(batch.bytes).split('\n')) {
    if (line === '') continue;
    try {
      events.push(JSON.parse(line) as Event);
    } catch {
      malformed.push(line);
    }
  }
  return { events, malformed };
}

describe('the clickstream simulator', () => {
  let shared: SimulatorCatalog;
  beforeAll(async () => {
    shared = (await generatedCatalog()).catalog;
  });

  it('is seeded: the same seed, catalog and position give the same batches', async () => {
    const catalog = shared;
    const run = (seed: number) => {
      const sim = new ClickstreamSimulator(catalog, seed, DEMO_FAULTS, { clock: 0, nextOrder: 0 });
      return [sim.nextBatch(3000), sim.nextBatch(3000), sim.nextBatch(3000, true)].map((b) =>
        new TextDecoder().decode(b.bytes),
      );
    };
    expect(run(5)).toEqual(run(5));
    expect(run(6)[0]).not.toEqual(run(5)[0]);
  });

  it('buys every order once, at its purchase time, by its customer, after viewing and carting its products', async () => {
    const catalog = shared;
    const sim = new ClickstreamSimulator(catalog, 1, NO_FAULTS, { clock: 0, nextOrder: 0 });
    const events: Event[] = [];
    while (sim.position.nextOrder < catalog.orderIds.length)
      events.push(...decode(sim.nextBatch(20_000)).events);
    events.push(...decode(sim.nextBatch(1000, true)).events);
    const purchases = events.filter((e) => e.event_type === 'purchase');
    expect(purchases.map((e) => e.order_id).sort()).toEqual([...catalog.orderIds].sort());
    const index = new Map(catalog.orderIds.map((id, i) => [id, i]));
    for (const p of purchases.slice(0, 500)) {
      const i = index.get(p.order_id!)!;
      expect(Date.parse(p.event_ts) / 1000).toBe(catalog.orderTimes[i]);
      expect(p.user_id).toBe(catalog.orderCustomers[i]);
      const session = events.filter((e) => e.session_id === p.session_id);
      const carted = new Set(session.filter((e) => e.event_type === 'add_to_cart').map((e) => e.product_id));
      expect(carted).toEqual(
        new Set(catalog.orderProducts[i] === '' ? [] : catalog.orderProducts[i].split(',')),
      );
      expect(session.at(-1)).toBe(p);
    }
    const funnel = ['page_view', 'product_view', 'add_to_cart', 'begin_checkout', 'purchase'].map(
      (type) => new Set(events.filter((e) => e.event_type === type).map((e) => e.session_id)).size,
    );
    for (let k = 1; k < funnel.length; k++) expect(funnel[k]).toBeLessThan(funnel[k - 1]);
    const conversion = funnel[4] / funnel[0];
    expect(conversion).toBeGreaterThan(0.02);
    expect(conversion).toBeLessThan(0.06);
    expect(events.some((e) => e.user_id === null)).toBe(true);
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
  });

  it('injects the faults asked for: duplicates, late arrivals, malformed lines (never a purchase) and a new field from batch 2', async () => {
    const catalog = shared;
    const sim = new ClickstreamSimulator(
      catalog,
      3,
      { duplicateRate: 0.02, lateRate: 0.02, malformedRate: 0.01, newFieldFromBatch: 2 },
      { clock: 0, nextOrder: 0 },
    );
    const batches = [sim.nextBatch(10_000), sim.nextBatch(10_000), sim.nextBatch(10_000, true)].map(decode);
    const all = batches.flatMap((b) => b.events);
    const ids = all.map((e) => e.event_id);
    expect(ids.length - new Set(ids).size).toBeGreaterThan(100);
    const malformed = batches.flatMap((b) => b.malformed);
    expect(malformed.length).toBeGreaterThan(100);
    expect(malformed.every((line) => !line.includes('"event_type":"purchase"'))).toBe(true);
    expect(batches[0].events.some((e) => 'app_version' in e)).toBe(false);
    expect(batches[1].events.filter((e) => !('app_version' in e)).length).toBeLessThan(
      batches[1].events.length / 10,
    );
    const newestOfFirst = Math.max(...batches[0].events.map((e) => Date.parse(e.event_ts)));
    const late = batches[1].events.filter((e) => Date.parse(e.event_ts) < newestOfFirst - 3_600_000);
    expect(late.length).toBeGreaterThan(20);
  });

  it('writes valid JSON even when uploaded ids and categories hold quotes or backslashes', () => {
    const odd = 'p"1\\<b>';
    const catalog: SimulatorCatalog = {
      customers: ['c"1'],
      products: [odd],
      productCategories: ['cat"x'],
      orderIds: ['o"1'],
      orderCustomers: ['c"1'],
      orderTimes: [1_500_000_000],
      orderProducts: [odd],
    };
    const sim = new ClickstreamSimulator(catalog, 1, NO_FAULTS, { clock: 0, nextOrder: 0 });
    const { events, malformed } = decode(sim.nextBatch(2000, true));
    expect(malformed).toEqual([]);
    expect(events.find((e) => e.event_type === 'purchase')).toMatchObject({
      order_id: 'o"1',
      user_id: 'c"1',
    });
    expect(events.some((e) => e.product_id === odd)).toBe(true);
  });

  it('writes batches into the landing zone and continues the timeline in the next run instead of buying the same orders again', async () => {
    const { catalog, env } = await generatedCatalog();
    const runner = new SimulatorRunner(env.storage);
    const first = await runner.run(catalog, { batches: 2, eventsPerBatch: 5000, seed: 1, faults: NO_FAULTS });
    const second = await runner.run(catalog, {
      batches: 1,
      eventsPerBatch: 5000,
      seed: 1,
      faults: NO_FAULTS,
    });
    expect([...first.batches, ...second.batches].map((b) => b.path)).toEqual([
      'landing/events/batch-000001.jsonl',
      'landing/events/batch-000002.jsonl',
      'landing/events/batch-000003.jsonl',
    ]);
    expect(second.position.nextOrder).toBeGreaterThan(first.position.nextOrder);
    console.log(
      `[measure] simulator in Node: ${Math.round(first.eventsPerSecond).toLocaleString('en')} events/s`,
    );
    const reports = await env.sources.ingestLanding(job());
    expect(reports.map((r) => r.status)).toEqual(['ingested', 'ingested', 'ingested']);
    await env.lake.ensureLoaded('bronze.events');
    const [check] = await env.engine.query(
      `select count(*)::int as events, count(*) filter (where event_type = 'purchase')::int as purchases,
              count(*) filter (where event_type = 'purchase' and order_id not in (select order_id from bronze.olist_orders))::int as unknown_orders
       from bronze.events`,
    );
    expect(check).toEqual({
      events: first.events + second.events,
      purchases: second.position.nextOrder,
      unknown_orders: 0,
    });
  });
});
