import { beforeAll, describe, expect, it } from 'vitest';
import type { PipelineRunResult } from '../../../src/pipeline/runner/run-types';
import { FIXTURE } from './helpers/fixture';
import { bootPipeline, ingest, type PipelineHarness } from './helpers/setup';

// Every expected row below was worked out by hand from helpers/fixture.ts, not by running SQL.

let harness: PipelineHarness;
let run: PipelineRunResult;

const rowsOf = (sql: string) => harness.engine.query(sql);

beforeAll(async () => {
  harness = await bootPipeline();
  await ingest(harness.store, FIXTURE);
  run = await harness.runner.run();
});

describe('the hand-made fixture through Silver', () => {
  it('runs every model and commits each', () => {
    expect(run.status).toBe('success');
    expect(run.models.filter((m) => m.status !== 'success')).toEqual([]);
    expect(run.models).toHaveLength(20);
  });

  it('keeps the latest delivery of an order delivered twice (o11: shipped, then delivered)', async () => {
    expect(
      await rowsOf(`select order_status, delivered_customer_ts from silver.orders where order_id = 'o11'`),
    ).toEqual([{ order_status: 'delivered', delivered_customer_ts: '2018-03-18 10:00:00' }]);
    expect(await rowsOf('select count(*) as n from silver.orders')).toEqual([{ n: 12 }]);
  });

  it('normalises city names and zip prefixes, and translates categories with a fallback', async () => {
    expect(
      await rowsOf(
        `select customer_id, zip_prefix, city, state from silver.customers where customer_id in ('c1', 'c6') order by 1`,
      ),
    ).toEqual([
      { customer_id: 'c1', zip_prefix: '01001', city: 'sao paulo', state: 'SP' },
      { customer_id: 'c6', zip_prefix: '01234', city: 'campinas', state: 'SP' },
    ]);
    expect(await rowsOf('select product_id, category, category_en from silver.products order by 1')).toEqual([
      { product_id: 'p1', category: 'beleza_saude', category_en: 'health_beauty' },
      { product_id: 'p2', category: 'pc_gamer', category_en: 'pc_gamer' },
      { product_id: 'p3', category: null, category_en: null },
    ]);
  });

  it('types money as DECIMAL(18,2) and times as TIMESTAMP / DATE', async () => {
    const types = await rowsOf(`select column_name, data_type from duckdb_columns()
      where (schema_name, table_name) in (('silver', 'orders'), ('silver', 'payments'), ('silver', 'order_items'))
        and column_name in ('purchase_ts', 'estimated_delivery_date', 'payment_value', 'price', 'freight_value')
      order by 1`);
    expect(types).toEqual([
      { column_name: 'estimated_delivery_date', data_type: 'DATE' },
      { column_name: 'freight_value', data_type: 'DECIMAL(18,2)' },
      { column_name: 'payment_value', data_type: 'DECIMAL(18,2)' },
      { column_name: 'price', data_type: 'DECIMAL(18,2)' },
      { column_name: 'purchase_ts', data_type: 'TIMESTAMP' },
    ]);
  });

  it('builds dim_customer as SCD2: u1 moved A -> B -> A, which is three rows', async () => {
    expect(await rowsOf(`select * from silver.dim_customer order by customer_unique_id, valid_from`)).toEqual(
      [
        {
          customer_unique_id: 'u1',
          zip_prefix: '01001',
          city: 'sao paulo',
          state: 'SP',
          valid_from: '2018-01-05 10:00:00',
          valid_to: '2018-02-10 12:00:00',
          is_current: false,
        },
        {
          customer_unique_id: 'u1',
          zip_prefix: '20000',
          city: 'rio de janeiro',
          state: 'RJ',
          valid_from: '2018-02-10 12:00:00',
          valid_to: '2018-03-01 09:00:00',
          is_current: false,
        },
        {
          customer_unique_id: 'u1',
          zip_prefix: '01001',
          city: 'sao paulo',
          state: 'SP',
          valid_from: '2018-03-01 09:00:00',
          valid_to: null,
          is_current: true,
        },
        {
          customer_unique_id: 'u2',
          zip_prefix: '30100',
          city: 'belo horizonte',
          state: 'MG',
          valid_from: '2018-01-05 15:00:00',
          valid_to: null,
          is_current: true,
        },
        {
          customer_unique_id: 'u3',
          zip_prefix: '40000',
          city: 'salvador',
          state: 'BA',
          valid_from: '2018-01-05 20:00:00',
          valid_to: null,
          is_current: true,
        },
        {
          customer_unique_id: 'u4',
          zip_prefix: '01234',
          city: 'campinas',
          state: 'SP',
          valid_from: '2018-03-01 11:00:00',
          valid_to: null,
          is_current: true,
        },
        {
          customer_unique_id: 'u5',
          zip_prefix: '50000',
          city: 'recife',
          state: 'PE',
          valid_from: '2018-01-20 10:00:00',
          valid_to: null,
          is_current: true,
        },
      ],
    );
  });

  it('keeps one row per event_id, dated by the UTC timestamp as sent', async () => {
    expect(await rowsOf('select count(*) as n, count(distinct event_id) as ids from silver.events')).toEqual([
      { n: 13, ids: 13 },
    ]);
    expect(await rowsOf(`select event_ts, event_date from silver.events where event_id = 'e9'`)).toEqual([
      { event_ts: '2018-03-02 00:01:00', event_date: '2018-03-02' },
    ]);
  });
});

describe('the hand-made fixture through Gold', () => {
  it('gold.daily_sales: valid orders per purchase date, items and payments without fan-out', async () => {
    expect(await rowsOf('select * from gold.daily_sales order by order_date')).toEqual([
      {
        order_date: '2018-01-05',
        orders: 2,
        items: 2,
        gmv: 125,
        freight: 15,
        payments: 110,
        avg_order_value: 55,
      },
      {
        order_date: '2018-01-20',
        orders: 1,
        items: 1,
        gmv: 80,
        freight: 8,
        payments: 88,
        avg_order_value: 88,
      },
      {
        order_date: '2018-02-10',
        orders: 1,
        items: 2,
        gmv: 100,
        freight: 10,
        payments: 110,
        avg_order_value: 110,
      },
      {
        order_date: '2018-02-25',
        orders: 1,
        items: 1,
        gmv: 70,
        freight: 7,
        payments: 77,
        avg_order_value: 77,
      },
      {
        order_date: '2018-03-01',
        orders: 3,
        items: 2,
        gmv: 70,
        freight: 7,
        payments: 89.5,
        avg_order_value: 89.5 / 3,
      },
      {
        order_date: '2018-03-15',
        orders: 2,
        items: 2,
        gmv: 55.5,
        freight: 5.5,
        payments: 61,
        avg_order_value: 30.5,
      },
    ]);
  });

  it('gold.category_monthly: English names, the Portuguese one when untranslated, unknown otherwise', async () => {
    expect(await rowsOf('select * from gold.category_monthly order by month, category')).toEqual([
      { month: '2018-01-01', category: 'health_beauty', orders: 2, items: 2, gmv: 125 },
      { month: '2018-01-01', category: 'unknown', orders: 1, items: 1, gmv: 80 },
      { month: '2018-02-01', category: 'pc_gamer', orders: 2, items: 3, gmv: 170 },
      { month: '2018-03-01', category: 'health_beauty', orders: 3, items: 3, gmv: 85.5 },
      { month: '2018-03-01', category: 'unknown', orders: 1, items: 1, gmv: 40 },
    ]);
  });

  it('gold.delivery_performance: delivered on the estimated day is on time; unknown customers have no state', async () => {
    expect(
      await rowsOf('select * from gold.delivery_performance order by month, customer_state nulls last'),
    ).toEqual([
      {
        month: '2018-01-01',
        customer_state: 'BA',
        delivered_orders: 1,
        avg_delivery_days: 20,
        late_orders: 1,
        late_rate: 1,
      },
      {
        month: '2018-01-01',
        customer_state: 'PE',
        delivered_orders: 1,
        avg_delivery_days: 2,
        late_orders: 1,
        late_rate: 1,
      },
      {
        month: '2018-01-01',
        customer_state: 'SP',
        delivered_orders: 1,
        avg_delivery_days: 5,
        late_orders: 0,
        late_rate: 0,
      },
      {
        month: '2018-02-01',
        customer_state: 'MG',
        delivered_orders: 1,
        avg_delivery_days: 8,
        late_orders: 1,
        late_rate: 1,
      },
      {
        month: '2018-02-01',
        customer_state: 'RJ',
        delivered_orders: 1,
        avg_delivery_days: 10,
        late_orders: 1,
        late_rate: 1,
      },
      {
        month: '2018-03-01',
        customer_state: 'PE',
        delivered_orders: 1,
        avg_delivery_days: 3,
        late_orders: 0,
        late_rate: 0,
      },
      {
        month: '2018-03-01',
        customer_state: 'SP',
        delivered_orders: 1,
        avg_delivery_days: 7.5,
        late_orders: 0,
        late_rate: 0,
      },
      {
        month: '2018-03-01',
        customer_state: null,
        delivered_orders: 1,
        avg_delivery_days: 5,
        late_orders: 0,
        late_rate: 0,
      },
    ]);
  });

  it('gold.seller_scorecard: reviews per (review, order) row, lateness over delivered orders only', async () => {
    expect(await rowsOf('select * from gold.seller_scorecard order by seller_id')).toEqual([
      {
        seller_id: 's1',
        seller_state: 'SP',
        orders: 5,
        items: 5,
        gmv: 280.5,
        avg_review_score: 13 / 4,
        late_rate: 2 / 5,
      },
      {
        seller_id: 's2',
        seller_state: 'RJ',
        orders: 4,
        items: 5,
        gmv: 220,
        avg_review_score: 11 / 4,
        late_rate: 2 / 3,
      },
    ]);
  });

  it('gold.customer_rfm: reference date 2018-03-16, ntile scores, segments by the rule', async () => {
    expect(await rowsOf('select * from gold.customer_rfm order by customer_unique_id')).toEqual([
      {
        customer_unique_id: 'u1',
        recency_days: 15,
        frequency: 3,
        monetary: 253,
        r_score: 3,
        f_score: 3,
        m_score: 4,
        segment: 'Needs attention',
      },
      {
        customer_unique_id: 'u2',
        recency_days: 19,
        frequency: 1,
        monetary: 77,
        r_score: 2,
        f_score: 1,
        m_score: 2,
        segment: 'Hibernating',
      },
      {
        customer_unique_id: 'u3',
        recency_days: 70,
        frequency: 1,
        monetary: 0,
        r_score: 1,
        f_score: 1,
        m_score: 1,
        segment: 'Hibernating',
      },
      {
        customer_unique_id: 'u5',
        recency_days: 1,
        frequency: 2,
        monetary: 138,
        r_score: 4,
        f_score: 2,
        m_score: 3,
        segment: 'Promising',
      },
    ]);
  });

  it('gold.customer_ltv: valid orders only; the customer-less order o12 counts nowhere here', async () => {
    expect(await rowsOf('select * from gold.customer_ltv order by customer_unique_id')).toEqual([
      {
        customer_unique_id: 'u1',
        first_order_date: '2018-01-05',
        last_order_date: '2018-03-01',
        orders: 3,
        total_payments: 253,
        avg_order_value: 253 / 3,
        tenure_days: 55,
      },
      {
        customer_unique_id: 'u2',
        first_order_date: '2018-02-25',
        last_order_date: '2018-02-25',
        orders: 1,
        total_payments: 77,
        avg_order_value: 77,
        tenure_days: 0,
      },
      {
        customer_unique_id: 'u3',
        first_order_date: '2018-01-05',
        last_order_date: '2018-01-05',
        orders: 1,
        total_payments: 0,
        avg_order_value: 0,
        tenure_days: 0,
      },
      {
        customer_unique_id: 'u4',
        first_order_date: '2018-03-01',
        last_order_date: '2018-03-01',
        orders: 2,
        total_payments: 56.5,
        avg_order_value: 28.25,
        tenure_days: 0,
      },
      {
        customer_unique_id: 'u5',
        first_order_date: '2018-01-20',
        last_order_date: '2018-03-15',
        orders: 2,
        total_payments: 138,
        avg_order_value: 69,
        tenure_days: 54,
      },
    ]);
  });

  it('gold.cohort_retention: offset 0 is the whole cohort', async () => {
    expect(await rowsOf('select * from gold.cohort_retention order by cohort_month, month_offset')).toEqual([
      { cohort_month: '2018-01-01', month_offset: 0, customers: 3, cohort_size: 3, retention: 1 },
      { cohort_month: '2018-01-01', month_offset: 1, customers: 1, cohort_size: 3, retention: 1 / 3 },
      { cohort_month: '2018-01-01', month_offset: 2, customers: 2, cohort_size: 3, retention: 2 / 3 },
      { cohort_month: '2018-02-01', month_offset: 0, customers: 1, cohort_size: 1, retention: 1 },
      { cohort_month: '2018-03-01', month_offset: 0, customers: 1, cohort_size: 1, retention: 1 },
    ]);
  });

  it('gold.review_vs_delay: a shared review id counts once per order it covers', async () => {
    expect(
      await rowsOf('select bucket, orders, avg_review_score from gold.review_vs_delay order by bucket_order'),
    ).toEqual([
      { bucket: 'early', orders: 1, avg_review_score: 5 },
      { bucket: 'on time', orders: 2, avg_review_score: 4.5 },
      { bucket: '1-3 days late', orders: 1, avg_review_score: 1 },
      { bucket: '4-7 days late', orders: 2, avg_review_score: 2 },
      { bucket: '8+ days late', orders: 1, avg_review_score: 3 },
    ]);
  });

  it("gold.funnel_daily: a session counts on its first event's date, a duplicate event once", async () => {
    expect(await rowsOf('select * from gold.funnel_daily order by event_date')).toEqual([
      {
        event_date: '2018-03-01',
        sessions: 3,
        views: 3,
        carts: 2,
        checkouts: 1,
        purchases: 1,
        view_to_cart: 2 / 3,
        cart_to_purchase: 1 / 2,
        conversion_rate: 1 / 3,
      },
      {
        event_date: '2018-03-02',
        sessions: 1,
        views: 1,
        carts: 1,
        checkouts: 1,
        purchases: 1,
        view_to_cart: 1,
        cart_to_purchase: 1,
        conversion_rate: 1,
      },
    ]);
  });

  it('gold.customer_features: RFM, LTV, experience and clickstream per customer', async () => {
    expect(await rowsOf('select * from gold.customer_features order by customer_unique_id')).toEqual([
      {
        customer_unique_id: 'u1',
        recency_days: 15,
        frequency: 3,
        monetary: 253,
        r_score: 3,
        f_score: 3,
        m_score: 4,
        segment: 'Needs attention',
        first_order_date: '2018-01-05',
        last_order_date: '2018-03-01',
        orders: 3,
        total_payments: 253,
        avg_order_value: 253 / 3,
        tenure_days: 55,
        avg_delivery_days: 7.5,
        late_share: 1 / 3,
        avg_review_score: 11 / 3,
        favourite_category: 'health_beauty',
        sessions: 1,
        cart_abandonment_rate: 0,
      },
      {
        customer_unique_id: 'u2',
        recency_days: 19,
        frequency: 1,
        monetary: 77,
        r_score: 2,
        f_score: 1,
        m_score: 2,
        segment: 'Hibernating',
        first_order_date: '2018-02-25',
        last_order_date: '2018-02-25',
        orders: 1,
        total_payments: 77,
        avg_order_value: 77,
        tenure_days: 0,
        avg_delivery_days: 8,
        late_share: 1,
        avg_review_score: 2,
        favourite_category: 'pc_gamer',
        sessions: 0,
        cart_abandonment_rate: null,
      },
      {
        customer_unique_id: 'u3',
        recency_days: 70,
        frequency: 1,
        monetary: 0,
        r_score: 1,
        f_score: 1,
        m_score: 1,
        segment: 'Hibernating',
        first_order_date: '2018-01-05',
        last_order_date: '2018-01-05',
        orders: 1,
        total_payments: 0,
        avg_order_value: 0,
        tenure_days: 0,
        avg_delivery_days: 20,
        late_share: 1,
        avg_review_score: 3,
        favourite_category: 'health_beauty',
        sessions: 0,
        cart_abandonment_rate: null,
      },
      {
        customer_unique_id: 'u4',
        recency_days: null,
        frequency: null,
        monetary: null,
        r_score: null,
        f_score: null,
        m_score: null,
        segment: null,
        first_order_date: '2018-03-01',
        last_order_date: '2018-03-01',
        orders: 2,
        total_payments: 56.5,
        avg_order_value: 28.25,
        tenure_days: 0,
        avg_delivery_days: null,
        late_share: null,
        avg_review_score: null,
        favourite_category: 'unknown',
        sessions: 0,
        cart_abandonment_rate: null,
      },
      {
        customer_unique_id: 'u5',
        recency_days: 1,
        frequency: 2,
        monetary: 138,
        r_score: 4,
        f_score: 2,
        m_score: 3,
        segment: 'Promising',
        first_order_date: '2018-01-20',
        last_order_date: '2018-03-15',
        orders: 2,
        total_payments: 138,
        avg_order_value: 69,
        tenure_days: 54,
        avg_delivery_days: 2.5,
        late_share: 1 / 2,
        avg_review_score: 1,
        favourite_category: 'health_beauty',
        sessions: 2,
        cart_abandonment_rate: 1 / 2,
      },
    ]);
  });
});

describe('the fixture’s faults surface as findings', () => {
  const finding = (model: string, expectation: string) =>
    run.models.find((m) => m.model === model)?.expectations.find((e) => e.expectation === expectation);

  it.each([
    ['silver.orders', 'order_has_items', 2],
    ['silver.orders', 'delivered_order_has_payment', 1],
    ['silver.orders', 'relationships(customer_id -> silver.customers.customer_id)', 1],
    ['silver.reviews', 'review_id_covers_one_order', 2],
    ['silver.products', 'not_null(category)', 1],
    ['silver.products', 'category_has_translation', 1],
    ['silver.order_items', 'relationships(product_id -> silver.products.product_id)', 1],
    ['silver.sellers', 'city_is_a_plain_place_name', 1],
  ])('%s: %s finds %i row(s) and only warns', (model, expectation, rows) => {
    expect(finding(model, expectation)).toMatchObject({ success: false, action: 'warn', rowsFailing: rows });
  });

  it('names the failing rows in a sample', () => {
    expect(finding('silver.orders', 'delivered_order_has_payment')?.sample).toEqual([
      expect.objectContaining({ order_id: 'o9', order_status: 'delivered' }),
    ]);
  });
});
