import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Generate Olist data with this seed on the Sources screen, then run the pipeline from its Next step. */
async function generateAndRun(page: Page, seed: number): Promise<void> {
  await page.goto('/#/sources');
  const generator = page.getByRole('region', { name: 'Synthetic Olist data' });
  await generator.getByLabel('Scale').fill('0.02');
  await generator.getByLabel('Seed').fill(String(seed));
  await generator.getByRole('button', { name: 'Generate Olist data' }).click();
  await expect(page.getByRole('status')).toContainText(/^Generated 9 Olist files/, { timeout: 170_000 });
  await page.getByRole('region', { name: 'Next step' }).getByRole('button', { name: 'Run pipeline' }).click();
  await expect(page.getByRole('status')).toContainText('Pipeline complete', { timeout: 170_000 });
}

/** Rows of a query through window.lakehouse.sql, typed by the caller. */
async function sql<T extends Record<string, unknown>>(page: Page, query: string): Promise<T[]> {
  return (await page.evaluate((q) => window.lakehouse.sql(q), query)) as T[];
}

/** The "Valid orders" figure as a number. */
async function validOrders(page: Page): Promise<number> {
  const text = await page.getByRole('definition').first().textContent();
  return Number((text ?? '').replace(/\D/g, ''));
}

async function expectValidOrders(page: Page, query: string): Promise<void> {
  const [{ n }] = await sql<{ n: number }>(page, query);
  await expect.poll(() => validOrders(page)).toBe(n);
}

test('the Dashboard filters and its "As of Gold version" control change what the charts show', async ({
  page,
  openApp,
}) => {
  test.setTimeout(600_000);
  await openApp();
  await generateAndRun(page, 11);
  await generateAndRun(page, 12);
  await page.goto('/#/dashboard');
  await expect(page.getByRole('term').first()).toHaveText('Valid orders');
  await expectValidOrders(page, 'select sum(orders)::int as n from gold.daily_sales');

  // As of the first run: every chart reads the Gold version that run wrote.
  const [first] = await sql<{ v: number }>(
    page,
    `select output_version::int as v from meta.model_runs where model = 'gold.daily_sales' and status = 'success'
     order by started_at limit 1`,
  );
  const asOf = page.getByLabel('As of Gold version');
  await expect(asOf.locator('option')).toHaveCount(3);
  await asOf.selectOption({ index: 2 });
  await expectValidOrders(
    page,
    `select sum(orders)::int as n from gold.daily_sales version as of ${first.v}`,
  );
  const [counts] = await sql<{ before: number; now: number }>(
    page,
    `select (select sum(orders)::int from gold.daily_sales version as of ${first.v}) as before,
            (select sum(orders)::int from gold.daily_sales) as now`,
  );
  expect(counts.before).toBeLessThan(counts.now);
  await expect(page.getByText(/^Purchases from/)).toContainText(
    `from Gold as an earlier run left it (gold.daily_sales version ${first.v})`,
  );
  await asOf.selectOption('');
  await expectValidOrders(page, 'select sum(orders)::int as n from gold.daily_sales');

  // A date range narrows the figures to the purchases in it.
  const [{ middle }] = await sql<{ middle: string }>(
    page,
    `select (min(order_date) + ((max(order_date) - min(order_date)) // 2)::int)::varchar as middle from gold.daily_sales`,
  );
  await page.getByLabel('to', { exact: true }).fill(middle);
  await expectValidOrders(
    page,
    `select sum(orders)::int as n from gold.daily_sales where order_date <= '${middle}'::date`,
  );

  // A state narrows the late deliveries chart to that state.
  const state = page.getByLabel('Customer state');
  const [{ chosen }] = await sql<{ chosen: string }>(
    page,
    `select customer_state as chosen from gold.delivery_performance where customer_state is not null
     group by customer_state order by sum(delivered_orders) desc limit 1`,
  );
  await state.selectOption(chosen);
  const late = page.getByRole('figure', { name: 'Late deliveries by state' });
  await late.getByText(/Data behind this chart/).click();
  await expect(late.getByRole('row')).toHaveCount(2);
  await expect(late.getByRole('row').nth(1).getByRole('cell').first()).toHaveText(chosen);
  // Its CSV download is what it shows: the header and that one state's row.
  const [filtered] = await Promise.all([
    page.waitForEvent('download'),
    late.getByRole('button', { name: 'Download the data of Late deliveries by state as CSV' }).click(),
  ]);
  const lines = (await readFile(await filtered.path(), 'utf8')).trimEnd().split('\r\n');
  expect(lines).toHaveLength(2);
  expect(lines[1].split(',')[0]).toBe(chosen);

  // The filters stay while another screen shows.
  await page.getByRole('link', { name: 'Pipeline' }).click();
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(state).toHaveValue(chosen);
  await expect(page.getByLabel('to', { exact: true })).toHaveValue(middle);
  await expectValidOrders(
    page,
    `select sum(orders)::int as n from gold.daily_sales where order_date <= '${middle}'::date`,
  );
});
