import { beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../../../src/pipeline/registry';
import type { PipelineRunResult } from '../../../src/pipeline/runner/run-types';
import { appendBronze, type BronzeBatch } from './helpers/bronze';
import { FIXTURE } from './helpers/fixture';
import { bootPipeline, ingest, type PipelineHarness } from './helpers/setup';
import { dashboardTables } from '../../../src/ui/dashboard/dashboard-queries';

let harness: PipelineHarness;

async function versions(): Promise<Record<string, number>> {
  const entries = await Promise.all(
    MODELS.map(async (m) => [m.name, await harness.store.latestVersion(m.name)] as const),
  );
  return Object.fromEntries(entries);
}

const statuses = (run: PipelineRunResult) =>
  Object.fromEntries(run.models.filter((m) => m.status !== 'up_to_date').map((m) => [m.model, m.status]));

const EVENT_COLUMNS = [
  'event_id',
  'event_type',
  'event_ts',
  'session_id',
  'user_id',
  'product_id',
  'order_id',
  'device',
  'channel',
  'page',
];
const events = (file: string, rows: Array<Array<string | null>>): BronzeBatch => ({
  table: 'bronze.events',
  file,
  ingestedAt: '2024-05-03 09:00:00',
  rows: rows.map((cells) => Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, cells[i]]))),
});

beforeAll(async () => {
  harness = await bootPipeline();
  await ingest(harness.store, FIXTURE);
  await harness.runner.run();
});

describe('incremental runs', () => {
  it('a second run with no new data runs nothing and writes no new version', async () => {
    const before = await versions();
    const lineageBefore = await harness.store.latestVersion('meta.model_runs');

    const run = await harness.runner.run();

    expect(run.status).toBe('up_to_date');
    expect(run.models.every((m) => m.status === 'up_to_date')).toBe(true);
    expect(await versions()).toEqual(before);
    expect(await harness.store.latestVersion('meta.model_runs')).toBe(lineageBefore);
  });

  it('a new event batch re-runs only silver.events and the models downstream of it', async () => {
    const before = await versions();
    await appendBronze(
      harness.store,
      events('events-0002.jsonl', [
        ['e14', 'page_view', '2018-03-03T08:00:00.000Z', 'sE', null, null, null, 'desktop', 'direct', '/'],
        // A late event: it belongs to 2018-02-20, long before this batch.
        [
          'e15',
          'product_view',
          '2018-02-20T08:00:00.000Z',
          'sF',
          null,
          'p2',
          null,
          'mobile',
          'referral',
          '/p/p2',
        ],
        // A duplicate delivery of e3 with a different page: the first delivery stays.
        [
          'e3',
          'add_to_cart',
          '2018-03-01T10:02:00.000Z',
          'sA',
          'u1',
          'p1',
          null,
          'desktop',
          'organic',
          '/changed',
        ],
      ]),
    );

    const run = await harness.runner.run();

    expect(statuses(run)).toEqual({
      'silver.events': 'success',
      'gold.funnel_daily': 'success',
      'gold.customer_features': 'success',
    });
    const after = await versions();
    const changed = Object.keys(after).filter((name) => after[name] !== before[name]);
    expect(changed.sort()).toEqual(['gold.customer_features', 'gold.funnel_daily', 'silver.events']);
    expect(await harness.engine.query('select count(*) as n from silver.events')).toEqual([{ n: 15 }]);
    expect(await harness.engine.query(`select page from silver.events where event_id = 'e3'`)).toEqual([
      { page: '/p/p1' },
    ]);
    expect(
      await harness.engine.query('select event_date, sessions, views from gold.funnel_daily order by 1'),
    ).toEqual([
      { event_date: '2018-02-20', sessions: 1, views: 1 },
      { event_date: '2018-03-01', sessions: 3, views: 3 },
      { event_date: '2018-03-02', sessions: 1, views: 1 },
      { event_date: '2018-03-03', sessions: 1, views: 0 },
    ]);
  });

  it('records lineage per model: input versions read, output version written, rows in and out, watermark', async () => {
    const [last] = await harness.engine.query(
      `select input_versions, output_version, rows_in, rows_out, status, watermark
       from meta.model_runs where model = 'silver.events' order by started_at desc limit 1`,
    );
    expect(last).toEqual({
      input_versions: JSON.stringify({ 'bronze.events': await harness.store.latestVersion('bronze.events') }),
      output_version: await harness.store.latestVersion('silver.events'),
      rows_in: 17,
      // Incremental: only the new batch's three rows were read (one of them a duplicate the MERGE ignored).
      rows_out: 3,
      status: 'success',
      watermark: '2024-05-03 09:00:00',
    });
  });

  it('a batch ingested under an earlier clock than the last run is still read (the runner starts over)', async () => {
    await appendBronze(harness.store, {
      ...events('events-0003.jsonl', [
        ['e16', 'page_view', '2018-03-04T08:00:00.000Z', 'sG', null, null, null, 'desktop', 'direct', '/'],
      ]),
      ingestedAt: '2024-05-01 00:00:00',
    });

    const run = await harness.runner.run();

    expect(run.models.find((m) => m.model === 'silver.events')).toMatchObject({
      status: 'success',
      rowsOut: 16,
    });
    expect(await harness.engine.query(`select count(*) as n from silver.events`)).toEqual([{ n: 16 }]);
  });

  it('a customers file with a moved customer closes the old dim_customer row and opens a new one by MERGE', async () => {
    const historyBefore = await harness.engine.query(
      `select * from silver.dim_customer where customer_unique_id <> 'u2' order by all`,
    );
    await appendBronze(harness.store, {
      table: 'bronze.olist_customers',
      file: 'olist_customers_dataset_2.csv',
      ingestedAt: '2024-05-04 09:00:00',
      rows: [
        {
          customer_id: 'c8',
          customer_unique_id: 'u2',
          customer_zip_code_prefix: '60000',
          customer_city: 'Fortaleza',
          customer_state: 'CE',
        },
      ],
    });
    await appendBronze(harness.store, {
      table: 'bronze.olist_orders',
      file: 'olist_orders_dataset_3.csv',
      ingestedAt: '2024-05-04 09:00:00',
      rows: [
        {
          order_id: 'o13',
          customer_id: 'c8',
          order_status: 'delivered',
          order_purchase_timestamp: '2018-04-01 10:00:00',
          order_approved_at: '2018-04-01 10:30:00',
          order_delivered_carrier_date: '2018-04-02 10:00:00',
          order_delivered_customer_date: '2018-04-06 10:00:00',
          order_estimated_delivery_date: '2018-04-10 00:00:00',
        },
      ],
    });

    const run = await harness.runner.run();

    expect(run.models.find((m) => m.model === 'silver.dim_customer')?.status).toBe('success');
    expect(
      await harness.engine.query(
        `select * from silver.dim_customer where customer_unique_id = 'u2' order by valid_from`,
      ),
    ).toEqual([
      {
        customer_unique_id: 'u2',
        zip_prefix: '30100',
        city: 'belo horizonte',
        state: 'MG',
        valid_from: '2018-01-05 15:00:00',
        valid_to: '2018-04-01 10:00:00',
        is_current: false,
      },
      {
        customer_unique_id: 'u2',
        zip_prefix: '60000',
        city: 'fortaleza',
        state: 'CE',
        valid_from: '2018-04-01 10:00:00',
        valid_to: null,
        is_current: true,
      },
    ]);
    expect(
      await harness.engine.query(
        `select * from silver.dim_customer where customer_unique_id <> 'u2' order by all`,
      ),
    ).toEqual(historyBefore);
    expect(statuses(run)['gold.funnel_daily']).toBeUndefined();
  });

  it('a customers file that corrects an address (same customer_id, no new order) rewrites that history row', async () => {
    await appendBronze(harness.store, {
      table: 'bronze.olist_customers',
      file: 'olist_customers_dataset_fix.csv',
      ingestedAt: '2024-05-05 09:00:00',
      rows: [
        {
          customer_id: 'c5',
          customer_unique_id: 'u3',
          customer_zip_code_prefix: '40100',
          customer_city: 'Salvador',
          customer_state: 'BA',
        },
      ],
    });

    await harness.runner.run();

    expect(
      await harness.engine.query(
        `select zip_prefix, valid_from, is_current from silver.dim_customer where customer_unique_id = 'u3'`,
      ),
    ).toEqual([{ zip_prefix: '40100', valid_from: '2018-01-05 20:00:00', is_current: true }]);
  });

  it('runs one model or one layer on request', async () => {
    const one = await harness.runner.run({ select: { model: 'gold.daily_sales' }, force: true });
    expect(one.models.map((m) => [m.model, m.status])).toEqual([['gold.daily_sales', 'success']]);

    const silver = await harness.runner.run({ select: { layer: 'silver' }, force: true });
    expect(silver.models).toHaveLength(10);
    expect(silver.models.every((m) => m.layer === 'silver' && m.status === 'success')).toBe(true);
  });

  it('reports progress for each model as it starts and ends', async () => {
    const seen: string[] = [];
    await harness.runner.run({
      select: { layer: 'gold' },
      force: true,
      first: dashboardTables(),
      onProgress: (p) => seen.push(`${p.index}/${p.total} ${p.model} ${p.status}`),
    });
    // Gold runs the Dashboard's first chart's table first (the tables its queries read).
    expect(seen.slice(0, 2)).toEqual(['1/10 gold.daily_sales running', '1/10 gold.daily_sales success']);
    expect(seen).toHaveLength(20);
  });
});

describe('selecting what does not exist', () => {
  it('rejects a model name that does not exist, naming it', async () => {
    await expect(harness.runner.run({ select: { model: 'gold.nope' } })).rejects.toThrow(
      'There is no model named gold.nope',
    );
  });

  it('a model whose Silver input was never built fails with what to run first, and commits nothing', async () => {
    const fresh = await bootPipeline();
    const run = await fresh.runner.run({ select: { model: 'gold.daily_sales' } });
    expect(run.failure).toEqual({
      model: 'gold.daily_sales',
      reason: 'silver.orders does not exist yet: run the models that build it first',
    });
    expect(await fresh.store.latestVersion('gold.daily_sales')).toBe(-1);
  });

  it('Bronze tables not ingested yet read as empty, so an empty lakehouse runs to empty Gold tables', async () => {
    const fresh = await bootPipeline();
    const run = await fresh.runner.run();
    expect(run.status).toBe('success');
    expect(await fresh.engine.query('select count(*) as n from gold.daily_sales')).toEqual([{ n: 0 }]);
    expect(run.models.find((m) => m.model === 'silver.orders')?.inputVersions['bronze.olist_orders']).toBe(
      -1,
    );
  });
});
