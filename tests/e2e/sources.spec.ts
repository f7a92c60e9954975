import { join } from 'node:path';
import { expect, test } from './fixtures';

const SAMPLE = join(import.meta.dirname, '../../../shared/data/olist-sample');
const NINE = [
  'olist_customers_dataset.csv',
  'olist_geolocation_dataset.csv',
  'olist_order_items_dataset.csv',
  'olist_order_payments_dataset.csv',
  'olist_order_reviews_dataset.csv',
  'olist_orders_dataset.csv',
  'olist_products_dataset.csv',
  'olist_sellers_dataset.csv',
  'product_category_name_translation.csv',
];

test('uploading the nine sample files fills Bronze with the counts a real CSV parser gives', async ({
  page,
  openApp,
}) => {
  await openApp();
  await page
    .getByLabel('Upload Olist files', { exact: true })
    .setInputFiles(NINE.map((f) => join(SAMPLE, f)));
  await expect(page.getByRole('status')).toContainText('Ingested 9 of 9 files into Bronze', {
    timeout: 120_000,
  });
  const report = page.getByRole('region', { name: 'Ingestion report' });
  await expect(report.getByRole('row')).toHaveCount(10);
  const counts = await page.evaluate(() =>
    window.lakehouse.sql(
      `select (select count(*) from bronze.olist_order_payments)::int as payments,
              (select count(*) from bronze.olist_products)::int as products,
              (select count(*) from bronze.olist_order_reviews)::int as reviews`,
    ),
  );
  expect(counts).toEqual([{ payments: 103_886, products: 32_951, reviews: 6_123 }]);
});
