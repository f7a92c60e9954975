import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import { stageOlistCsv } from '../../../src/sources/ingest/stage-olist-csv';
import { OLIST_FILES } from '../../../src/sources/olist-files';
import { nativeCsvFingerprint, wasmFingerprint } from './helpers/native-duckdb';

const SAMPLE = join(__dirname, '../../fixtures/olist-sample');

/** Row counts a real CSV parser gives for the sample files (their README). */
const README_ROWS: Record<string, number> = {
  'olist_order_payments_dataset.csv': 103_886,
  'olist_products_dataset.csv': 32_951,
  'olist_sellers_dataset.csv': 3_095,
  'product_category_name_translation.csv': 71,
  'olist_orders_dataset.csv': 4_071,
  'olist_order_items_dataset.csv': 5_154,
  'olist_order_reviews_dataset.csv': 6_123,
  'olist_customers_dataset.csv': 200,
  'olist_geolocation_dataset.csv': 88,
};

let engine: DuckDbEngine;

beforeAll(async () => {
  ({ engine } = await bootNodeEngine());
});

describe('reading the real Olist sample files', () => {
  for (const spec of OLIST_FILES) {
    it(`reads ${spec.fileName} into ${spec.table} with the README's row count and the values native DuckDB reads`, async () => {
      const path = join(SAMPLE, spec.fileName);
      const staged = await stageOlistCsv(engine, spec.fileName, readFileSync(path), 'main.staged');
      expect(staged.spec.table).toBe(spec.table);
      expect(staged.rows).toBe(README_ROWS[spec.fileName]);
      expect(staged.rescuedRows).toBe(0);
      const ours = await wasmFingerprint(engine, 'main.staged', spec.columns);
      const native = await nativeCsvFingerprint(path, spec.columns);
      expect(ours).toEqual(native);
      const types = await engine.query<{ column_type: string }>(
        `select column_type from (describe main.staged)`,
      );
      expect(new Set(types.map((t) => t.column_type))).toEqual(new Set(['VARCHAR']));
    });
  }

  it('keeps leading zeros, CRLF line breaks inside review comments and NULL for empty fields', async () => {
    await stageOlistCsv(
      engine,
      'reviews',
      readFileSync(join(SAMPLE, 'olist_order_reviews_dataset.csv')),
      'main.r',
    );
    const [row] = await engine.query(
      `select count(*) filter (where review_comment_message like '%' || chr(13) || chr(10) || '%')::int as crlf_inside,
              count(*) filter (where review_comment_title is null)::int as no_title,
              count(*) filter (where review_comment_message like '%"%')::int as with_quote
       from main.r`,
    );
    expect(row).toEqual({ crlf_inside: 237, no_title: 5389, with_quote: 9 });
    await stageOlistCsv(engine, 'geo', readFileSync(join(SAMPLE, 'olist_geolocation_dataset.csv')), 'main.g');
    const [geo] = await engine.query(`select geolocation_zip_code_prefix as zip from main.g limit 1`);
    expect(geo).toEqual({ zip: '01037' });
  });
});
