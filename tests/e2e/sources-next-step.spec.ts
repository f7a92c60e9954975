import { expect, test } from './fixtures';
import { chooseFiles, sample, upload } from './sources-helpers';

test('after an upload the Sources screen offers "Run pipeline", and it builds Silver and Gold from the new rows', async ({
  page,
  openApp,
}) => {
  await openApp();
  const nextStep = page.getByRole('region', { name: 'Next step' });
  await page.goto('/#/sources');
  await expect(nextStep).toHaveCount(0);
  await chooseFiles(page, [
    upload('olist_orders_dataset.csv', sample('olist_orders_dataset.csv')),
    upload('olist_customers_dataset.csv', sample('olist_customers_dataset.csv')),
    upload('olist_order_items_dataset.csv', sample('olist_order_items_dataset.csv')),
  ]);
  await expect(page.getByRole('status')).toHaveText(
    /^Ingested 3 of 3 files into Bronze \([\d,]+ rows\)\. Next: Run pipeline to build Silver and Gold from them$/,
  );
  await expect(nextStep).toContainText('Bronze has new rows');

  await nextStep.getByRole('button', { name: 'Run pipeline' }).click();
  await expect(page.getByRole('status')).toContainText('Pipeline complete: 20 models ran', {
    timeout: 120_000,
  });
  await expect(nextStep.getByRole('link', { name: 'Dashboard' })).toBeVisible();
  await expect(nextStep.getByRole('button', { name: 'Run pipeline' })).toHaveCount(0);
  const [built] = await page.evaluate(() =>
    window.lakehouse.sql(`select
      (select count(*)::int from silver.orders) as silver_orders,
      (select count(distinct order_id)::int from bronze.olist_orders) as bronze_orders,
      (select coalesce(sum(orders), 0)::int from gold.daily_sales) as gold_orders`),
  );
  expect(built.silver_orders).toBe(built.bronze_orders);
  expect(built.gold_orders).toBeGreaterThan(0);

  // A second upload of the same files brings nothing new: nothing to offer.
  await chooseFiles(page, [upload('olist_orders_dataset.csv', sample('olist_orders_dataset.csv'))]);
  await expect(page.getByRole('status')).not.toContainText('Next:');
  await expect(nextStep.getByRole('button', { name: 'Run pipeline' })).toHaveCount(0);
});
