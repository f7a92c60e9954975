// Time travel and data skipping on silver.orders, after the pipeline built it: small appends make
// the versions (and the small files a lookup has to skip), then reads of an old version against
// the latest, and a one-customer lookup before and after OPTIMIZE ZORDER BY (customer_unique_id).
import { median } from './stats.mjs';

/**
 * Run the lake operations in the open page: `options.versions` appends of `options.appendRows`
 * rows each, `options.reads` alternating timed reads, and an OPTIMIZE that aims at
 * `options.zorderFiles` files.
 */
export async function runLakeOps(page, options, constants) {
  const sql = (query) =>
    page.evaluate(async (q) => {
      const started = performance.now();
      const rows = await window.lakehouse.sql(q);
      return { ms: performance.now() - started, rows };
    }, query);

  const appendMs = [];
  for (let i = 1; i <= options.versions; i++) {
    checkInteger(i);
    // New order ids, the rest copied: each append is one small file with customers from everywhere.
    const { ms } = await sql(
      `insert into silver.orders
       select * replace ('v${i}-' || order_id as order_id)
       from silver.orders where order_id not like 'v%' order by order_id limit ${checkInteger(options.appendRows)}`,
    );
    appendMs.push(ms);
  }
  const [{ version: latest }] = (await sql('describe history silver.orders')).rows;
  const old = checkInteger(latest - options.versions);
  const count = (spec) => `select count(*) as n from silver.orders${spec}`;
  const reads = { old: [], latestVersion: [], latestLoaded: [] };
  const rows = {};
  for (let k = 0; k < options.reads; k++) {
    for (const [name, spec] of [
      ['old', ` version as of ${old}`],
      ['latestVersion', ` version as of ${checkInteger(latest)}`],
      ['latestLoaded', ''],
    ]) {
      const read = await sql(count(spec));
      reads[name].push(read.ms);
      rows[name] = Number(read.rows[0].n);
    }
  }

  // What each read loads: the old version has the pipeline's file, the latest also the appends'.
  const shape = (version) =>
    page.evaluate(
      async ({ v }) => {
        const files = await window.lakehouse.engine.lake.files('silver.orders', v);
        return { files: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0) };
      },
      { v: version },
    );
  const loaded = { old: await shape(old), latest: await shape(latest) };
  const lookup = await zorderLookup(page, options, constants);
  const readsMs = Object.fromEntries(
    Object.entries(reads).map(([name, ms]) => [name, { first: ms[0], median: median(ms) }]),
  );
  return {
    timeTravel: { latestVersion: latest, oldVersion: old, appendMs: median(appendMs), readsMs, rows, loaded },
    zorder: lookup,
  };
}

async function zorderLookup(page, options, constants) {
  // The last order: never among the copied rows, so only its own file holds this customer.
  const [{ id }] = await page.evaluate(() =>
    window.lakehouse.sql(
      'select customer_unique_id as id from silver.orders where customer_unique_id is not null order by order_id desc limit 1',
    ),
  );
  const predicate = `customer_unique_id = ${constants.sqlLiteral(id)}`;
  const scan = () =>
    page.evaluate(async (p) => {
      const started = performance.now();
      const report = await window.lakehouse.engine.lake.scan('silver.orders', p, 'main.bench_lookup');
      const [{ n }] = await window.lakehouse.sql('select count(*) as n from main.bench_lookup');
      return { ...report, ms: performance.now() - started, rows: Number(n) };
    }, predicate);
  const before = await scan();
  const optimize = await page.evaluate(async (files) => {
    const engine = window.lakehouse.engine;
    const bytes = (await engine.lake.files('silver.orders')).reduce((sum, f) => sum + f.size, 0);
    const started = performance.now();
    const commit = await engine.lake.optimize(
      'silver.orders',
      ['customer_unique_id'],
      Math.ceil(bytes / files),
    );
    return {
      ms: performance.now() - started,
      version: commit.version,
      metrics: commit.metrics,
      timings: commit.timings ?? null,
    };
  }, options.zorderFiles);
  const after = await scan();
  return { before, optimize, after };
}

function checkInteger(value) {
  if (!Number.isInteger(value) || value < 0) throw new Error(`Expected a whole number, got ${value}`);
  return value;
}
