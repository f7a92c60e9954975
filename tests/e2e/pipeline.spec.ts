import { expect, test } from './fixtures';

test('Run pipeline on an empty lakehouse builds empty Gold tables, then has nothing new to run', async ({
  page,
  openApp,
}) => {
  await openApp();
  await page.getByRole('link', { name: 'Pipeline' }).click();
  const run = page.getByRole('button', { name: 'Run pipeline' });
  await run.click();
  await expect(page.getByRole('status')).toContainText('Pipeline complete: 20 models ran');
  expect(
    await page.evaluate(() => window.lakehouse.sql('select count(*)::int as n from gold.daily_sales')),
  ).toEqual([{ n: 0 }]);
  await expect(page.getByRole('row').filter({ hasText: 'gold.daily_sales' })).toContainText('success');

  await run.click();
  await expect(page.getByRole('status')).toHaveText('Pipeline complete: nothing new to run');
});

test('the Pipeline screen lists every model with its SQL', async ({ page, openApp }) => {
  await openApp();
  await page.goto('/#/pipeline');
  const table = page.getByRole('table', { name: 'Models in run order, with their latest run' });
  await expect(table.getByRole('row')).toHaveCount(21);
  await table.getByText('silver.dim_customer', { exact: true }).click();
  await expect(table.getByText('SCD type 2 over customer_unique_id')).toBeVisible();
  await expect(
    table.getByRole('row').filter({ has: page.getByText('silver.events', { exact: true }) }),
  ).toContainText('merge on event_id, partitioned by event_date');
});

test('lakehouse.runPipeline() resolves when the run has finished, with what each model did', async ({
  page,
  openApp,
}) => {
  await openApp();
  const result = await page.evaluate(() => window.lakehouse.runPipeline());
  expect(result.status).toBe('success');
  expect(result.models).toHaveLength(20);
  await expect(page.getByRole('status')).toContainText('Pipeline complete');
  const lineage = await page.evaluate(
    (runId) =>
      window.lakehouse.sql(`select count(*)::int as n from meta.model_runs where run_id = '${runId}'`),
    result.runId,
  );
  expect(lineage).toEqual([{ n: 20 }]);
  console.log(`[measure] empty lakehouse, 20 models: ${result.elapsedMs.toFixed(0)} ms`);
});
