import { beforeAll, describe, expect, it } from 'vitest';
import type { PipelineRunResult } from '../../../src/pipeline/runner/run-types';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import { Lake } from '../../../src/lake/lake';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { MODELS } from '../../../src/pipeline/registry';
import { PipelineRunner } from '../../../src/pipeline/runner/pipeline-runner';
import { LakeModelStore } from '../../../src/pipeline/store/lake-model-store';
import type { SimulatorPosition } from '../../../src/sources/simulator/catalog';
import { loadGenerated, loadSimulatedEvents } from './helpers/bronze';

// The generator at scale 0.1 (about 10,000 orders) and the clickstream simulator (with its
// duplicates, late and malformed lines) through Gold on the Delta lake. The expected values come
// from Bronze directly (typed here, independently of the models), never from the Gold SQL itself.

let engine: DuckDbEngine;
let lake: Lake;
let store: LakeModelStore;
let runner: PipelineRunner;
let run: PipelineRunResult;
let position: SimulatorPosition;
const one = async (sql: string) => {
  for (const table of MODELS.map((m) => m.name)) await lake.ensureLoaded(table);
  return (await engine.query(sql))[0];
};

/** Valid orders straight from Bronze: the latest delivery of each order, not canceled or unavailable. */
const VALID_ORDER_IDS = `(select trim(order_id) from bronze.olist_orders
  qualify row_number() over (partition by trim(order_id) order by _ingested_at desc, _source_file desc) = 1
      and lower(trim(order_status)) not in ('canceled', 'unavailable'))`;

beforeAll(async () => {
  const booted = await bootNodeEngine();
  engine = booted.engine;
  lake = new Lake({ engine, parquet: booted.parquet, storage: new MemoryStorage() });
  store = new LakeModelStore(lake, engine);
  runner = new PipelineRunner(store);
  await loadGenerated(engine, store, { scale: 0.1, seed: 'invariants' });
  ({ position } = await loadSimulatedEvents(engine, lake, store, {
    batches: 3,
    eventsPerBatch: 20_000,
    seed: 7,
  }));
  run = await runner.run();
});

describe('generated Olist data (scale 0.1) through Gold', () => {
  it('runs every model', () => {
    expect(run.failure).toBeUndefined();
    expect(run.models.every((m) => m.status === 'success')).toBe(true);
  });

  it('daily_sales payments sum to the payments of valid orders, to the cent', async () => {
    const expected =
      await one(`select sum(payment_value::decimal(18,2))::varchar as total from bronze.olist_order_payments
                                where trim(order_id) in ${VALID_ORDER_IDS}`);
    expect(await one('select sum(payments)::varchar as total from gold.daily_sales')).toEqual(expected);
  });

  it('nothing fans out: GMV, freight and items equal those of the items of valid orders', async () => {
    const expected =
      await one(`select sum(price::decimal(18,2))::varchar as gmv, sum(freight_value::decimal(18,2))::varchar as freight,
                                       count(*) as items
                                from bronze.olist_order_items where trim(order_id) in ${VALID_ORDER_IDS}`);
    expect(
      await one(
        `select sum(gmv)::varchar as gmv, sum(freight)::varchar as freight, sum(items) as items from gold.daily_sales`,
      ),
    ).toEqual(expected);
    expect(await one(`select sum(gmv)::varchar as gmv from gold.category_monthly`)).toEqual({
      gmv: expected.gmv,
    });
    expect(await one(`select sum(gmv)::varchar as gmv from gold.seller_scorecard`)).toEqual({
      gmv: expected.gmv,
    });
  });

  it('a naive items x payments join would have inflated the payments (so the check above has teeth)', async () => {
    const naive = await one(`select sum(p.payment_value)::double as total from silver.orders o
                             join silver.order_items i using (order_id) join silver.payments p using (order_id)
                             where o.order_status not in ('canceled', 'unavailable')`);
    const real = await one('select sum(payments)::double as total from gold.daily_sales');
    expect(Number(naive.total)).toBeGreaterThan(Number(real.total));
  });

  it('counts every valid order once in daily_sales, and every customer with one in customer_ltv', async () => {
    expect(await one('select sum(orders) as n from gold.daily_sales')).toEqual({
      n: (await one(`select count(*) as n from ${VALID_ORDER_IDS}`)).n,
    });
    expect(await one('select count(*) as n from gold.customer_ltv')).toEqual(
      await one(`select count(distinct customer_unique_id) as n from silver.orders
                 where order_status not in ('canceled', 'unavailable') and customer_unique_id is not null`),
    );
  });

  it('cohort retention at month offset 0 is 1 for every cohort, and no retention exceeds 1', async () => {
    expect(
      await one(`select count(*) filter (where month_offset = 0 and retention <> 1) as wrong,
                             count(*) filter (where month_offset = 0) as cohorts,
                             max(retention) as highest from gold.cohort_retention`),
    ).toMatchObject({ wrong: 0, highest: 1 });
    expect(
      (await one('select count(*) as n from gold.cohort_retention where month_offset = 0')).n,
    ).toBeGreaterThan(12);
  });

  it('RFM scores lie in 1..5 and every segment follows the rule', async () => {
    expect(
      await one(`select count(*) filter (where r_score not between 1 and 5 or f_score not between 1 and 5
                                              or m_score not between 1 and 5) as out_of_range,
                        count(*) filter (where segment <> case
                            when r_score >= 4 and m_score >= 4 then 'Champions'
                            when r_score >= 4 and m_score <= 3 then 'Promising'
                            when r_score = 3 then 'Needs attention'
                            when r_score <= 2 and m_score >= 4 then 'At risk'
                            else 'Hibernating' end) as misfiled,
                        count(distinct segment) as segments,
                        count(distinct r_score) as r_values
                 from gold.customer_rfm`),
    ).toEqual({ out_of_range: 0, misfiled: 0, segments: 5, r_values: 5 });
  });

  it('funnel purchases equal the distinct sessions with a purchase event; sessions are counted once', async () => {
    const expected =
      await one(`select count(distinct session_id) filter (where event_type = 'purchase') as purchases,
                                       count(distinct session_id) as sessions
                                from bronze.events where try_cast(event_ts as timestamp) is not null`);
    expect(
      await one('select sum(purchases) as purchases, sum(sessions) as sessions from gold.funnel_daily'),
    ).toEqual(expected);
    expect(Number(expected.purchases)).toBeGreaterThan(100);
  });

  it('silver.events holds each event id once although the simulator delivered some twice', async () => {
    const bronze = await one(`select count(*) as n, count(distinct event_id) as ids from bronze.events
                              where try_cast(event_ts as timestamp) is not null`);
    expect(Number(bronze.n)).toBeGreaterThan(Number(bronze.ids));
    expect(await one('select count(*) as n from silver.events')).toEqual({ n: bronze.ids });
  });

  it('RFM covers exactly the customers with a delivered order', async () => {
    expect(await one('select count(*) as n from gold.customer_rfm')).toEqual(
      await one(`select count(distinct customer_unique_id) as n from silver.orders
                 where order_status = 'delivered' and delivered_customer_ts is not null and customer_unique_id is not null`),
    );
  });

  it('one more event batch re-runs only silver.events, gold.funnel_daily and gold.customer_features', async () => {
    await loadSimulatedEvents(engine, lake, store, {
      batches: 1,
      eventsPerBatch: 20_000,
      seed: 8,
      firstBatch: 4,
      start: position,
    });
    const incremental = await runner.run();
    expect(incremental.models.filter((m) => m.status !== 'up_to_date').map((m) => m.model)).toEqual([
      'silver.events',
      'gold.funnel_daily',
      'gold.customer_features',
    ]);
    for (const r of [...run.models, ...incremental.models].filter((m) => m.status === 'success'))
      console.log(r.model, Math.round(r.elapsedMs), JSON.stringify(r.phaseMs));
    console.log(
      `[measure] scale 0.1 on the lake in Node: full run ${run.elapsedMs.toFixed(0)} ms, ` +
        `incremental run after one 20,000-event batch ${incremental.elapsedMs.toFixed(0)} ms`,
    );
  });
});
