import { sizesAt } from '../../src/sources/generator/olist-generator';
import { expect, test } from './fixtures';
import { landingFiles, tableVersions } from './sources-helpers';

/** Generate through the Sources screen's form and wait for the status region's summary. */
async function generate(page: import('@playwright/test').Page, scale: number, seed: number) {
  await page.goto('/#/sources');
  await page.getByLabel('Scale').fill(String(scale));
  await page.getByLabel('Seed', { exact: true }).first().fill(String(seed));
  await page.getByRole('button', { name: 'Generate Olist data' }).click();
  await expect(page.getByRole('status')).toContainText(/^Generated 9 Olist files/, { timeout: 170_000 });
}

test('the generator lands nine files at the asked scale and the same seed gives the same bytes (already ingested)', async ({
  page,
  openApp,
}) => {
  await openApp();
  await generate(page, 0.01, 42);
  const n = sizesAt(0.01);
  const counts = await page.evaluate(() =>
    window.lakehouse.sql(`select (select count(*) from bronze.olist_orders)::int as orders,
      (select count(*) from bronze.olist_order_items)::int as items,
      (select count(*) from bronze.olist_geolocation)::int as geolocation,
      (select count(*) from bronze.olist_category_translation)::int as translation`),
  );
  expect(counts).toEqual([{ orders: n.orders, items: n.items, geolocation: n.geolocation, translation: 71 }]);
  const versions = await tableVersions(page);
  const files = (await landingFiles(page)).filter((f) => f.startsWith('landing/olist/'));
  expect(files).toHaveLength(9);

  await generate(page, 0.01, 42);
  await expect(page.getByRole('status')).toContainText('0 new rows ingested into Bronze');
  expect(await tableVersions(page)).toEqual(versions);
  expect((await landingFiles(page)).filter((f) => f.startsWith('landing/olist/'))).toEqual(files);
});

test('simulated events reach bronze.events with every fault visible, and purchases are real orders at their purchase time', async ({
  page,
  openApp,
}) => {
  await openApp();
  await generate(page, 0.02, 7);
  await page.getByLabel('Batches').fill('3');
  await page.getByLabel('Events per batch').fill('4000');
  await page.getByRole('button', { name: 'Simulate events' }).click();
  await expect(page.getByRole('status')).toContainText(/^Simulated [\d,]+ events/, { timeout: 120_000 });
  const [facts] = await page.evaluate(() =>
    window.lakehouse.sql(`select
      count(*)::int as lines,
      count(distinct _source_file)::int as batches,
      (count(event_id) - count(distinct event_id))::int as duplicates,
      count(*) filter (where _rescued_data like '%"app_version":"2.4.1"%')::int as new_field,
      count(*) filter (where _rescued_data like '%"_corrupt_record"%')::int as malformed,
      count(*) filter (where event_type = 'purchase')::int as purchases,
      count(*) filter (where event_type = 'purchase' and order_id not in (select order_id from bronze.olist_orders))::int as unknown_orders,
      count(*) filter (where event_type = 'purchase' and replace(replace(event_ts, 'T', ' '), '.000Z', '') <>
        (select o.order_purchase_timestamp from bronze.olist_orders o where o.order_id = e.order_id))::int as off_time
      from bronze.events e`),
  );
  expect(facts.batches).toBe(3);
  expect(facts.lines).toBeGreaterThanOrEqual(12_000);
  expect(facts.duplicates).toBeGreaterThan(0);
  expect(facts.new_field).toBeGreaterThan(0);
  expect(facts.malformed).toBeGreaterThan(0);
  expect(facts.purchases).toBeGreaterThan(0);
  expect(facts.unknown_orders).toBe(0);
  expect(facts.off_time).toBe(0);
});

test('the event stream writes a batch every interval, each picked up by a trigger, until stopped', async ({
  page,
  openApp,
}) => {
  await openApp();
  await generate(page, 0.01, 3);
  await page.getByLabel('Events per batch').fill('2000');
  await page.getByLabel('Every (seconds)').fill('1');
  await page.getByRole('button', { name: 'Start stream' }).click();
  await expect(page.getByText(/Streaming: ([3-9]|\d{2,}) triggers/)).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Stop stream' }).click();
  await expect(page.getByRole('status')).toContainText(/^Event stream stopped after [\d,]+ events/);
  const [{ batches }] = await page.evaluate(() =>
    window.lakehouse.sql('select count(distinct _source_file)::int as batches from bronze.events'),
  );
  const versions = (await page.evaluate(() => window.lakehouse.engine.lake.history('bronze.events'))).length;
  expect(batches).toBeGreaterThanOrEqual(3);
  expect(versions).toBeGreaterThanOrEqual(2);
});

test('a cancelled generation lands nothing and commits nothing', async ({ page, openApp }) => {
  await openApp();
  await page.goto('/#/sources');
  await page.getByLabel('Scale').fill('1');
  await page.getByRole('button', { name: 'Generate Olist data' }).click();
  await expect(page.getByRole('progressbar', { name: 'Progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toHaveText('Generation was cancelled; nothing was committed');
  expect(await landingFiles(page)).toEqual([]);
  expect(await tableVersions(page)).toEqual({});
});

test('the simulator asks for Olist data first when Bronze has none', async ({ page, openApp }) => {
  await openApp();
  await page.goto('/#/sources');
  await page.getByRole('button', { name: 'Simulate events' }).click();
  const message =
    'The simulator needs the Olist customers, products and orders, and bronze.olist_orders, bronze.olist_customers, ' +
    'bronze.olist_order_items, bronze.olist_products are empty: upload the Olist files or generate them first.';
  await expect(page.getByRole('status')).toHaveText(message);
  await expect(page.getByRole('alert')).toHaveText(message);
  expect(await landingFiles(page)).toEqual([]);
});
