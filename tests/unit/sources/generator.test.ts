import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateOlist, sizesAt } from '../../../src/sources/generator/olist-generator';
import { OLIST_FILES } from '../../../src/sources/olist-files';
import { SAMPLE_DIR } from './helpers/fixture';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const generate = (scale: number, seed: number | string) => [...generateOlist({ scale, seed })];

/** How each column of a CSV is quoted: for every (column, first character class) the quoting seen. */
function quotingProfile(bytes: Uint8Array, maxRows = 3000): Record<string, string[]> {
  const text = new TextDecoder().decode(bytes).replace(/^\ufeff/, '');
  const profile: Record<string, Set<string>> = {};
  let header: string[] = [];
  let row = 0;
  let i = 0;
  const fields: Array<{ value: string; quoted: boolean }> = [];
  while (i < text.length && row <= maxRows) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else value += text[i++];
      }
    } else while (i < text.length && !',\r\n'.includes(text[i])) value += text[i++];
    fields.push({ value, quoted });
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r') i++;
    i++;
    if (row === 0) header = fields.map((f) => `${f.value}${f.quoted ? ' (quoted)' : ''}`);
    else
      fields.forEach((f, c) => {
        const kind =
          f.value === ''
            ? 'empty'
            : /^\d/.test(f.value)
              ? 'digit'
              : /^[-+]/.test(f.value)
                ? 'sign'
                : 'letter';
        const special = /[,"\r\n]/.test(f.value) ? '+special' : '';
        (profile[header[c]] ??= new Set()).add(`${kind}${special}:${f.quoted ? 'quoted' : 'bare'}`);
      });
    fields.length = 0;
    row++;
  }
  return Object.fromEntries(Object.entries(profile).map(([k, v]) => [k, [...v].sort()]));
}

describe('the synthetic Olist generator', () => {
  it('gives the same bytes for the same seed and different bytes for another seed', () => {
    const a = generate(0.01, 42).map((f) => [f.name, sha(f.bytes)]);
    const b = generate(0.01, 42).map((f) => [f.name, sha(f.bytes)]);
    const c = generate(0.01, 43).map((f) => [f.name, sha(f.bytes)]);
    expect(a).toEqual(b);
    expect(a.map(([name]) => name)).toEqual(OLIST_FILES.map((f) => f.fileName));
    const changed = a.filter(([name, hash]) => c.find(([n]) => n === name)![1] !== hash).map(([n]) => n);
    expect(changed).toEqual(
      OLIST_FILES.map((f) => f.fileName).filter((n) => n !== 'product_category_name_translation.csv'),
    );
  });

  it('writes the same geolocation bytes when Math.log, Math.cos and Math.exp differ in the last bit (as JavaScript engines do)', () => {
    const geolocation = () => generate(0.03, 2018).find((f) => f.name === 'olist_geolocation_dataset.csv')!;
    const expected = sha(geolocation().bytes);
    const originals = { log: Math.log, cos: Math.cos, exp: Math.exp };
    const oneUlpUp = (f: (x: number) => number) => (x: number) => {
      const y = f(x);
      return y === 0 ? y : y * (1 + Number.EPSILON);
    };
    try {
      Object.assign(Math, {
        log: oneUlpUp(originals.log),
        cos: oneUlpUp(originals.cos),
        exp: oneUlpUp(originals.exp),
      });
      expect(sha(geolocation().bytes)).toBe(expected);
    } finally {
      Object.assign(Math, originals);
    }
  });

  it('writes the translation file byte for byte as the real one (BOM, CRLF, no final newline)', () => {
    const translation = generate(0.01, 1).find((f) => f.name === 'product_category_name_translation.csv')!;
    expect(sha(translation.bytes)).toBe(
      sha(readFileSync(join(SAMPLE_DIR, 'product_category_name_translation.csv'))),
    );
  });

  it('rejects a scale outside 0.01 to 1.0 with a clear message', () => {
    expect(() => generate(2, 1)).toThrow(
      'The scale must be between 0.01 and 1.0 (1.0 is the real size); got 2.',
    );
    expect(() => generate(0.001, 1)).toThrow('got 0.001');
  });

  it('quotes every column as the real files do: same header quoting, no value quoted where the real file leaves it bare or the reverse', () => {
    const files = generate(0.05, 7);
    for (const spec of OLIST_FILES) {
      const generated = quotingProfile(files.find((f) => f.name === spec.fileName)!.bytes);
      const real = quotingProfile(readFileSync(join(SAMPLE_DIR, spec.fileName)));
      expect(Object.keys(generated), spec.fileName).toEqual(Object.keys(real));
      const contradictions = Object.entries(generated).flatMap(([column, kinds]) =>
        kinds
          .filter((kind) => {
            const [what, how] = kind.split(':');
            const opposite = `${what}:${how === 'quoted' ? 'bare' : 'quoted'}`;
            return real[column].includes(opposite) && !real[column].includes(kind);
          })
          .map((kind) => `${spec.fileName} ${column} ${kind}`),
      );
      expect(contradictions).toEqual([]);
    }
  });
});

describe('the generated data at scale 0.2, read by native DuckDB', () => {
  let db: Awaited<ReturnType<typeof DuckDBInstance.create>>;
  const dir = mkdtempSync(join(tmpdir(), 'olist-generated-'));
  const q = async (sql: string) => (await (await db.connect()).runAndReadAll(sql)).getRowObjectsJson();

  beforeAll(async () => {
    for (const file of generate(0.2, 2018)) writeFileSync(join(dir, file.name), file.bytes);
    db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    for (const spec of OLIST_FILES) {
      const name = spec.table.split('.')[1];
      await conn.run(
        `create table ${name} as select * from read_csv('${join(dir, spec.fileName)}', header = true, quote = '"', escape = '"')`,
      );
    }
  });

  it('has the real row counts scaled (and 71 translations at any scale)', async () => {
    const n = sizesAt(0.2);
    const [counts] =
      await q(`select (select count(*) from olist_orders) as orders, (select count(*) from olist_order_items) as items,
      (select count(*) from olist_order_payments) as payments, (select count(*) from olist_order_reviews) as reviews,
      (select count(*) from olist_customers) as customers, (select count(*) from olist_products) as products,
      (select count(*) from olist_sellers) as sellers, (select count(*) from olist_geolocation) as geolocation,
      (select count(*) from olist_category_translation) as translation,
      (select count(distinct customer_unique_id) from olist_customers) as unique_customers`);
    expect(counts).toEqual({
      orders: String(n.orders),
      items: String(n.items),
      payments: String(n.payments),
      reviews: String(n.reviews),
      customers: String(n.orders),
      products: String(n.products),
      sellers: String(n.sellers),
      geolocation: String(n.geolocation),
      translation: '71',
      unique_customers: String(n.uniqueCustomers),
    });
  });

  it('has the real order-status mix, ~8% late deliveries with lower review scores, and ~3% repeat customers', async () => {
    const statuses = await q(
      `select order_status as s, count(*)::int as n from olist_orders group by 1 order by 1`,
    );
    const real = {
      shipped: 1107,
      canceled: 625,
      unavailable: 609,
      invoiced: 314,
      processing: 301,
      created: 5,
      approved: 2,
    };
    const expected: Record<string, number> = Object.fromEntries(
      Object.entries(real).map(([s, n]) => [s, Math.round(n * 0.2)]),
    );
    expected.delivered = sizesAt(0.2).orders - Object.values(expected).reduce((x, y) => x + y, 0);
    expect(Object.fromEntries(statuses.map((r) => [r.s, r.n]))).toEqual(
      Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0)),
    );
    const [late] =
      await q(`select avg((order_delivered_customer_date::date > order_estimated_delivery_date::date)::int) as share
      from olist_orders where order_status = 'delivered' and order_delivered_customer_date is not null`);
    expect(Number(late.share)).toBeGreaterThan(0.06);
    expect(Number(late.share)).toBeLessThan(0.1);
    const [scores] =
      await q(`select avg(r.review_score) filter (where late) as late, avg(r.review_score) filter (where not late) as on_time
      from olist_order_reviews r join (select order_id, order_delivered_customer_date::date > order_estimated_delivery_date::date as late
      from olist_orders where order_status = 'delivered' and order_delivered_customer_date is not null) o using (order_id)`);
    expect(Number(scores.on_time) - Number(scores.late)).toBeGreaterThan(1);
    const [repeat] =
      await q(`select count(*) filter (where n > 1)::int as repeaters, count(*) filter (where zips > 1)::int as movers
      from (select customer_unique_id, count(*) as n, count(distinct customer_zip_code_prefix) as zips from olist_customers group by 1)`);
    expect(repeat.repeaters).toBe(Math.round(2997 * 0.2));
    expect(repeat.movers).toBeGreaterThan(10);
  });

  it('joins up: items and payments per order, shared review ids, categories with and without translation, Brazilian states', async () => {
    const [shape] = await q(`select
      (select count(*) from (select order_id from olist_order_items group by 1 having count(*) > 1))::int as multi_item_orders,
      (select count(*) from (select order_id from olist_order_payments group by 1 having count(*) > 1))::int as multi_payment_orders,
      (select count(*) from olist_order_items i anti join olist_orders o using (order_id))::int as orphan_items,
      (select count(*) from (select review_id from olist_order_reviews group by 1 having count(distinct order_id) > 1))::int as shared_review_ids,
      (select count(distinct product_category_name) from olist_products p anti join olist_category_translation t using (product_category_name) where product_category_name is not null)::int as untranslated,
      (select count(*) from olist_products where product_category_name is null)::int as uncategorised,
      (select count(*) from (select order_id, round(sum(price + freight_value), 2) as due from olist_order_items group by 1) i
         join (select order_id, round(sum(payment_value), 2) as paid from olist_order_payments group by 1) p using (order_id) where abs(due - paid) > 0.011)::int as unbalanced,
      (select string_agg(customer_state, ',' order by n desc) from (select customer_state, count(*) as n from olist_customers group by 1 order by n desc limit 3)) as top_states`);
    expect(shape.multi_item_orders).toBeGreaterThan(1500);
    expect(shape.multi_payment_orders).toBeGreaterThan(400);
    expect(shape.orphan_items).toBe(0);
    expect(shape.shared_review_ids).toBeGreaterThan(20);
    expect(shape.untranslated).toBe(2);
    expect(shape.uncategorised).toBeGreaterThan(80);
    expect(shape.unbalanced).toBe(0);
    expect(shape.top_states).toBe('SP,RJ,MG');
  });
});
