import type { Row } from '../../../engine/types';
import type { IngestFileReport } from '../../../sources/ingest/ingest-report';
import type { LearnStep } from '../step-types';
import Scd2View from './Scd2Effect.svelte';

const BRONZE = 'bronze.olist_customers';
const DIM = 'silver.dim_customer';

/** Addresses a correction moves a customer to (one that differs from theirs is picked). */
const NEW_ADDRESSES = [
  { zip: '20040', city: 'rio de janeiro', state: 'RJ' },
  { zip: '30130', city: 'belo horizonte', state: 'MG' },
  { zip: '80010', city: 'curitiba', state: 'PR' },
  { zip: '01310', city: 'sao paulo', state: 'SP' },
];

/** A customer who moved: dim_customer before and after, and their orders joined to the address of the day. */
export interface Scd2Effect {
  customer: string;
  customerId: string;
  csv: string;
  report: IngestFileReport;
  before: Row[];
  after: Row[];
  orders: Row[];
  versions: { bronzeBefore: number; dimBefore: number; dimAfter: number };
}

// A repeat customer with one address so far; their latest order's customer_id gets the correction.
const PICK = `with rows_per_customer as (
  select customer_unique_id, count(*) as n from ${DIM} group by all
),
repeat as (
  select customer_unique_id from silver.orders group by all having count(*) >= 2
)
select o.customer_unique_id, o.customer_id
from silver.orders as o
join rows_per_customer as r using (customer_unique_id)
where r.n = 1
  and o.customer_unique_id in (select customer_unique_id from repeat)
  and (select count(*) from silver.orders as other where other.customer_id = o.customer_id) = 1
qualify row_number() over (partition by o.customer_unique_id order by o.purchase_ts desc, o.order_id desc) = 1
order by o.customer_unique_id
limit 1`;

const BRONZE_ROW = `select customer_id, customer_unique_id, customer_zip_code_prefix, customer_city, customer_state
from ${BRONZE}
where customer_id = ?
order by _ingested_at desc, _source_file desc
limit 1`;

const HISTORY = `select zip_prefix, city, state, valid_from::varchar as valid_from, valid_to::varchar as valid_to, is_current
from ${DIM}
where customer_unique_id = ?
order by valid_from`;

const ORDERS = `select o.order_id, o.purchase_ts::varchar as purchase_ts, d.city, d.state
from silver.orders as o
join ${DIM} as d
  on d.customer_unique_id = o.customer_unique_id
 and o.purchase_ts >= d.valid_from
 and (d.valid_to is null or o.purchase_ts < d.valid_to)
where o.customer_unique_id = ?
order by o.purchase_ts`;

/** A CSV field quoted as the real Olist files quote text. */
const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;

/** Step 5: SCD type 2 on a corrected customers file. */
export const scd2Step: LearnStep<Scd2Effect> = {
  id: 'scd2',
  title: 'Slowly changing dimensions (type 2)',
  paragraphs: [
    'Customers move. `silver.dim_customer` keeps every address a customer had: `valid_from` (inclusive) and `valid_to` (exclusive, NULL for the current row) bound each one, and `is_current` marks the latest. An order is then joined to the address that was true when it was placed, not to today’s.',
    '“Try it” writes a corrected customers file for one repeat customer — their latest order’s customer_id now has another address — uploads it, and runs the pipeline. The old row is closed and a new one opens.',
  ],
  operation: `Upload olist_customers_dataset_correction.csv (one row: a new address), run the pipeline;\nthen: ${HISTORY.replace('?', "'<customer>'")}`,
  tryLabel: 'Move one customer',
  resetLabel: 'Reset: RESTORE bronze.olist_customers, run the pipeline',
  consoleSql: `select *\nfrom ${DIM}\nwhere customer_unique_id in (\n  select customer_unique_id from ${DIM} group by all having count(*) > 1\n)\norder by customer_unique_id, valid_from\nlimit 50`,
  async tryIt(context) {
    await context.ensureDemo();
    const [pick] = await context.rows<{ customer_unique_id: string; customer_id: string }>(PICK);
    if (!pick) throw new Error('No repeat customer with a single address in silver.dim_customer.');
    const [current] = await context.rows<Record<string, string>>(BRONZE_ROW, [pick.customer_id]);
    const before = await context.rows(HISTORY, [pick.customer_unique_id]);
    const bronzeBefore = await context.latestVersion(BRONZE);
    const dimBefore = await context.latestVersion(DIM);
    // Each correction is a new file (new bytes): earlier attempts stay in Bronze's history.
    const attempts = (await context.engine.sources.ingestedFiles(BRONZE)).filter((f) =>
      f.path.includes('correction'),
    ).length;
    const candidates = NEW_ADDRESSES.filter((a) => a.city !== current?.customer_city);
    const address = candidates[attempts % candidates.length];
    const zip = String(Number(address.zip) + Math.floor(attempts / candidates.length)).padStart(5, '0');
    const csv =
      'customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state\n' +
      [pick.customer_id, pick.customer_unique_id, zip, address.city, address.state].map(quoted).join(',') +
      '\n';
    const [report] = await context.ingest([
      new File([csv], 'olist_customers_dataset_correction.csv', { type: 'text/csv' }),
    ]);
    await context.runPipeline();
    return {
      customer: pick.customer_unique_id,
      customerId: pick.customer_id,
      csv,
      report,
      before,
      after: await context.rows(HISTORY, [pick.customer_unique_id]),
      orders: await context.rows(ORDERS, [pick.customer_unique_id]),
      versions: { bronzeBefore, dimBefore, dimAfter: await context.latestVersion(DIM) },
    };
  },
  restorePoints: (effect) => ({ [BRONZE]: effect.versions.bronzeBefore }),
  rerunAfterReset: true,
  view: Scd2View,
};
