// The plain DuckDB peer: gold.sql on native DuckDB (@duckdb/node-api, its default threads), run
// in a folder where olist/ is the nine CSVs and gold/ the output, as a data engineer would run a
// script. Usage: node duckdb-peer.mjs <folder with the nine CSVs> <work folder>. Prints one JSON
// line: each Gold table's row count, two sums to compare, and the peak RSS.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [source, work] = process.argv.slice(2).map((p) => resolve(p));
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'gold'), { recursive: true });
symlinkSync(source, join(work, 'olist'), 'dir');
process.chdir(work);

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(readFileSync(new URL('./gold.sql', import.meta.url), 'utf8'));
const tables = [
  'daily_sales',
  'category_monthly',
  'delivery_performance',
  'seller_scorecard',
  'customer_rfm',
  'customer_ltv',
  'cohort_retention',
  'review_vs_delay',
  'funnel_daily',
  'customer_features',
];
const rows = {};
for (const table of tables) {
  const reader = await connection.runAndReadAll(`select count(*)::integer from ${table}`);
  rows[`gold.${table}`] = reader.getRows()[0][0];
}
const sums = await connection.runAndReadAll(
  'select sum(payments)::double, sum(gmv)::double from daily_sales',
);
const [payments, gmv] = sums.getRows()[0];
connection.closeSync();
instance.closeSync();
console.log(
  JSON.stringify({
    rows,
    checks: { 'gold.daily_sales.payments': payments, 'gold.daily_sales.gmv': gmv },
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
