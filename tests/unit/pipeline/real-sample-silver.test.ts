import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineRunResult } from '../../../src/pipeline/runner/run-types';
import { loadSampleFile, SAMPLE_DIR, SAMPLE_FILES } from './helpers/bronze';
import { bootPipeline, type PipelineHarness } from './helpers/setup';

// The oracle: native DuckDB reading the same CSV files with its own reader, independent of
// our ingestion and of the models' SQL.
const native = await DuckDBInstance.create(':memory:');
const oracle = await native.connect();
async function fact(sql: string): Promise<unknown> {
  const reader = await oracle.runAndReadAll(sql);
  const [value] = reader.getRowsJS()[0];
  return typeof value === 'bigint' ? Number(value) : value;
}
const csv = (table: string) =>
  `read_csv('${join(SAMPLE_DIR, SAMPLE_FILES[table]).replaceAll("'", "''")}', all_varchar = true, header = true)`;

let harness: PipelineHarness;
let run: PipelineRunResult;
const rowsOf = (sql: string) => harness.engine.query(sql);
const failing = (model: string, expectation: string) =>
  run.models.find((m) => m.model === model)?.expectations.find((e) => e.expectation === expectation)
    ?.rowsFailing;

beforeAll(async () => {
  harness = await bootPipeline();
  for (const table of Object.keys(SAMPLE_FILES)) await loadSampleFile(harness.engine, harness.store, table);
  run = await harness.runner.run({ select: { layer: 'silver' } });
});

afterAll(() => {
  oracle.closeSync();
  native.closeSync();
});

describe('the real Olist sample files through Silver', () => {
  it('runs every Silver model; the known faults are findings, not failures', () => {
    expect(run.status).toBe('success');
    expect(run.models.map((m) => m.status)).toEqual(Array(10).fill('success'));
  });

  it('keeps one row per key, as many as the files hold distinct keys', async () => {
    const counts = await rowsOf(`select
      (select count(*) from silver.orders) as orders,
      (select count(*) from silver.order_items) as items,
      (select count(*) from silver.payments) as payments,
      (select count(*) from silver.reviews) as reviews,
      (select count(*) from silver.customers) as customers,
      (select count(*) from silver.products) as products,
      (select count(*) from silver.sellers) as sellers,
      (select count(*) from silver.geolocation) as geolocation`);
    expect(counts).toEqual([
      {
        orders: await fact(`select count(distinct order_id) from ${csv('bronze.olist_orders')}`),
        items: await fact(
          `select count(distinct (order_id, order_item_id)) from ${csv('bronze.olist_order_items')}`,
        ),
        payments: 103_886,
        reviews: await fact(
          `select count(distinct (review_id, order_id)) from ${csv('bronze.olist_order_reviews')}`,
        ),
        customers: 200,
        products: 32_951,
        sellers: 3_095,
        geolocation: await fact(
          `select count(distinct geolocation_zip_code_prefix) from ${csv('bronze.olist_geolocation')}`,
        ),
      },
    ]);
  });

  it('sums the payments to the cent: 16,008,872.12 over 99,440 orders', async () => {
    expect(
      await rowsOf(
        'select sum(payment_value)::varchar as total, count(distinct order_id) as orders from silver.payments',
      ),
    ).toEqual([{ total: '16008872.12', orders: 99_440 }]);
  });

  it('types every column as the contract says', async () => {
    const types =
      await rowsOf(`select table_name || '.' || column_name as col, data_type from duckdb_columns()
      where schema_name = 'silver' and column_name in
        ('purchase_ts', 'estimated_delivery_date', 'price', 'payment_value', 'payment_installments',
         'review_score', 'answered_at', 'weight_g', 'lat', 'order_item_id')
      order by 1`);
    expect(types).toEqual([
      { col: 'geolocation.lat', data_type: 'DOUBLE' },
      { col: 'order_items.order_item_id', data_type: 'INTEGER' },
      { col: 'order_items.price', data_type: 'DECIMAL(18,2)' },
      { col: 'orders.estimated_delivery_date', data_type: 'DATE' },
      { col: 'orders.purchase_ts', data_type: 'TIMESTAMP' },
      { col: 'payments.payment_installments', data_type: 'INTEGER' },
      { col: 'payments.payment_value', data_type: 'DECIMAL(18,2)' },
      { col: 'products.weight_g', data_type: 'INTEGER' },
      { col: 'reviews.answered_at', data_type: 'TIMESTAMP' },
      { col: 'reviews.review_score', data_type: 'INTEGER' },
    ]);
  });

  it('keeps every timestamp that the files hold (none fails to parse)', async () => {
    expect(
      await rowsOf(
        'select count(purchase_ts) as purchases, count(estimated_delivery_date) as estimates from silver.orders',
      ),
    ).toEqual([{ purchases: 4_071, estimates: 4_071 }]);
    expect(await rowsOf('select count(*) - count(answered_at) as unparsed from silver.reviews')).toEqual([
      { unparsed: 0 },
    ]);
  });

  it('keeps zip prefixes as 5 characters with their leading zeros', async () => {
    expect(
      await rowsOf(`select count(*) filter (where length(zip_prefix) <> 5) as wrong,
                                count(*) filter (where zip_prefix like '0%') as leading_zero from silver.sellers`),
    ).toEqual([
      {
        wrong: 0,
        leading_zero: await fact(
          `select count(*) from ${csv('bronze.olist_sellers')} where seller_zip_code_prefix like '0%'`,
        ),
      },
    ]);
  });

  it('writes city names in lower case without accents', async () => {
    expect(
      await rowsOf(`select count(*) as n from silver.sellers where city <> lower(strip_accents(city))`),
    ).toEqual([{ n: 0 }]);
    expect(await rowsOf(`select count(*) as n from silver.geolocation where city like '%ã%'`)).toEqual([
      { n: 0 },
    ]);
  });

  it('translates categories, falling back to the Portuguese name for the two without a translation', async () => {
    expect(
      await rowsOf(`select category_en, count(*) as products from silver.products
                         where category in ('beleza_saude', 'pc_gamer', 'portateis_cozinha_e_preparadores_de_alimentos')
                         group by 1 order by 1`),
    ).toEqual([
      {
        category_en: 'health_beauty',
        products: await fact(
          `select count(*) from ${csv('bronze.olist_products')} where product_category_name = 'beleza_saude'`,
        ),
      },
      { category_en: 'pc_gamer', products: 3 },
      { category_en: 'portateis_cozinha_e_preparadores_de_alimentos', products: 10 },
    ]);
  });

  it('keeps review comments whole, line breaks inside them included', async () => {
    const withBreaks = await fact(
      `select count(*) from ${csv('bronze.olist_order_reviews')} where review_comment_message like '%' || chr(10) || '%'`,
    );
    expect(withBreaks).toBeGreaterThan(0);
    expect(
      await rowsOf(
        `select count(*) as n from silver.reviews where comment_message like '%' || chr(10) || '%'`,
      ),
    ).toEqual([{ n: withBreaks }]);
  });
});

describe('the known faults of the real data, found', () => {
  it('products without a category: 610', () => {
    expect(failing('silver.products', 'not_null(category)')).toBe(610);
  });

  it('the two untranslated categories (13 products)', () => {
    expect(failing('silver.products', 'category_has_translation')).toBe(13);
  });

  it('review ids shared by several orders', async () => {
    expect(failing('silver.reviews', 'review_id_covers_one_order')).toBe(
      await fact(`select coalesce(sum(orders), 0) from (
                    select review_id, count(distinct order_id) as orders from ${csv('bronze.olist_order_reviews')}
                    group by review_id having count(distinct order_id) > 1)`),
    );
  });

  it('orders without items (in the sample most items lie beyond its first rows)', async () => {
    expect(failing('silver.orders', 'order_has_items')).toBe(
      await fact(`select count(*) from ${csv('bronze.olist_orders')} o
                  where not exists (select 1 from ${csv('bronze.olist_order_items')} i where i.order_id = o.order_id)`),
    );
  });

  it('messy seller city names: state suffixes, separators, digits, an e-mail address', async () => {
    const found = run.models
      .find((m) => m.model === 'silver.sellers')
      ?.expectations.find((e) => e.expectation === 'city_is_a_plain_place_name');
    expect(found?.rowsFailing).toBe(
      await fact(`select count(*) from ${csv('bronze.olist_sellers')}
                  where regexp_matches(seller_city, '[0-9/\\\\,@()]| - ') or lower(trim(seller_city)) = lower(seller_state)`),
    );
    expect(found?.sample.map((r) => r.city)).toContain('sao paulo - sp');
  });

  it('duplicated geolocation points', async () => {
    expect(failing('silver.geolocation', 'no_duplicated_points')).toBe(
      await fact(`select count(*) from (select geolocation_zip_code_prefix from ${csv('bronze.olist_geolocation')}
                  group by 1 having count(*) > count(distinct (geolocation_lat, geolocation_lng)))`),
    );
  });

  it('payments with 0 installments (2) and of type not_defined (3)', () => {
    expect(failing('silver.payments', 'range(payment_installments)')).toBe(2);
    expect(failing('silver.payments', 'payment_type_is_defined')).toBe(3);
  });
});
