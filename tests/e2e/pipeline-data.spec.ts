import { expect, test } from './fixtures';
import { chooseFiles, sample, SAMPLE_ROWS, upload } from './sources-helpers';

const failing = `select model, expectation, rows_failing::int as rows_failing from meta.quality_results
                 where not success order by model, expectation`;

test('the real sample files, uploaded, run through the pipeline: Silver as the files say, faults as findings', async ({
  page,
  openApp,
}) => {
  await openApp();
  await chooseFiles(
    page,
    Object.keys(SAMPLE_ROWS).map((name) => upload(name, sample(name))),
  );
  await page.getByRole('link', { name: 'Pipeline' }).click();
  const started = Date.now();
  await page.getByRole('button', { name: 'Run pipeline' }).click();
  await expect(page.getByRole('status')).toContainText('Pipeline complete: 20 models ran', {
    timeout: 170_000,
  });
  console.log(`[measure] real sample files, Bronze -> Gold in Chromium: ${Date.now() - started} ms`);

  expect(
    await page.evaluate(() =>
      window.lakehouse.sql(
        `select sum(payment_value)::varchar as total, count(*)::int as payments from silver.payments`,
      ),
    ),
  ).toEqual([{ total: '16008872.12', payments: 103_886 }]);
  const findings = await page.evaluate((sql) => window.lakehouse.sql(sql), failing);
  console.log(`[measure] findings on the real sample files: ${JSON.stringify(findings)}`);
  expect(findings).toEqual(
    expect.arrayContaining([
      { model: 'silver.products', expectation: 'not_null(category)', rows_failing: 610 },
      { model: 'silver.products', expectation: 'category_has_translation', rows_failing: 13 },
      { model: 'silver.payments', expectation: 'payment_type_is_defined', rows_failing: 3 },
    ]),
  );
  const products = page.getByRole('row').filter({ has: page.getByText('silver.products', { exact: true }) });
  await expect(products).toContainText('success');
  await expect(products.getByRole('cell').last()).toHaveText('2');

  await page.getByRole('button', { name: 'Run pipeline' }).click();
  await expect(page.getByRole('status')).toHaveText('Pipeline complete: nothing new to run');
});

test('a model that fails commits nothing, skips what depends on it, and the status says which and why', async ({
  page,
  openApp,
}) => {
  await openApp();
  // A Bronze table of the wrong shape: silver.orders cannot read it.
  await page.evaluate(() =>
    window.lakehouse.engine.lake.write('bronze.olist_orders', {
      mode: 'overwrite',
      sql: `select 'o1' as order_id, 'c1' as customer_id`,
    }),
  );
  const rejection = await page.evaluate(() =>
    window.lakehouse.runPipeline().then(
      () => 'resolved',
      (error: Error) => `${error.name}: ${error.message}`,
    ),
  );
  expect(rejection).toMatch(/^PipelineFailed: silver\.orders failed: Binder Error: .*order_status/);
  await expect(page.getByRole('status')).toContainText('Pipeline failed: silver.orders failed: Binder Error');

  await page.goto('/#/pipeline');
  const row = (name: string) => page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
  await expect(row('silver.orders')).toContainText('failed');
  await expect(row('gold.daily_sales')).toContainText('skipped');
  await expect(row('gold.daily_sales')).toContainText('not run: silver.orders failed');
  // Two steps downstream, the root cause is still the one named.
  await expect(row('gold.customer_features')).toContainText('not run: silver.orders failed');
  await expect(row('silver.payments')).toContainText('success');
  expect(
    await page.evaluate(() =>
      window.lakehouse.engine.lake
        .listTables()
        .then((tables) => tables.map((t) => t.name).filter((n) => n.startsWith('gold.'))),
    ),
  ).toEqual(['gold.funnel_daily']);
});
