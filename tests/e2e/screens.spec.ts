import { expect, test } from './fixtures';

test('Run demo goes from an empty lakehouse to charts of Gold on the dashboard', async ({
  page,
  openApp,
}) => {
  await openApp();
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Run demo' }).click();
  await expect(page.getByRole('status')).toContainText('Pipeline complete', { timeout: 170_000 });
  await expect(page).toHaveURL(/#\/dashboard$/);
  for (const title of ['Daily payments', 'Top categories by GMV', 'Cohort retention', 'Clickstream funnel']) {
    await expect(page.getByRole('figure', { name: title }).locator('svg').first()).toBeVisible();
  }
  console.log(`[measure] Run demo click to charts: ${Date.now() - clicked} ms`);
  await expect(page.getByText('Valid orders', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens-dashboard.png', fullPage: true });
});

test('the table browser shows versions, restores one and exports files', async ({ page, openApp }) => {
  await openApp();
  await page.evaluate(() => window.lakehouse.runDemo());
  await page.evaluate(() =>
    window.lakehouse.sql("delete from silver.orders where order_status = 'canceled'"),
  );
  await page.goto('/#/tables');
  await page
    .getByRole('navigation', { name: 'Tables' })
    .getByRole('button', { name: /silver\.orders/ })
    .click();
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByRole('cell', { name: 'DELETE', exact: true })).toBeVisible();

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Restore version 0' }).click();
  await expect(page.getByText(/restored to version 0: that is now version 2/)).toBeVisible();
  const canceled = await page.evaluate(() =>
    window.lakehouse.sql("select count(*)::int as n from silver.orders where order_status = 'canceled'"),
  );
  expect(canceled[0].n).toBeGreaterThan(0);

  await page.getByRole('tab', { name: 'Export' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('silver.orders-v2.csv');
  const csv = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(csv).toString('utf8').split('\r\n')[0]).toContain('order_id,customer_id');

  const delta = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Delta table (zip)' }).click();
  expect((await delta).suggestedFilename()).toBe('silver.orders.delta.zip');
  await page.screenshot({ path: 'test-results/screens-tables.png', fullPage: true });
});

test('the quality report reads the findings of the last run', async ({ page, openApp }) => {
  await openApp();
  await page.evaluate(() => window.lakehouse.runDemo());
  await page.goto('/#/quality');
  await expect(page.getByText(/Latest results of \d+ expectations on \d+ models/)).toBeVisible();
  await expect(page.getByText('silver.orders', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens-quality.png', fullPage: true });
});

test('Run demo opens the Dashboard at its first chart while the rest of the pipeline still runs', async ({
  page,
  openApp,
}) => {
  await openApp();
  await page.getByRole('button', { name: 'Run demo' }).click();
  const firstChart = page.getByRole('figure', { name: 'Daily payments' }).locator('svg').first();
  await expect(firstChart).toBeVisible({ timeout: 170_000 });
  await expect(page).toHaveURL(/#\/dashboard$/);
  await expect(page.locator('main')).toBeFocused();
  // The later Gold tables are still being built: the status says which model runs.
  await expect(page.getByRole('status')).toContainText(/Running (silver|gold)\./);
  await expect(page.getByRole('status')).toContainText('Pipeline complete', { timeout: 170_000 });
  for (const title of ['Top categories by GMV', 'Cohort retention', 'Clickstream funnel', 'RFM segments']) {
    await expect(page.getByRole('figure', { name: title }).locator('svg').first()).toBeVisible();
  }
  await expect(page.getByText(/Waiting for gold\./)).toHaveCount(0);
  await expect(page.locator('main')).toBeFocused();
});
