import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The version each box of the drawing states in its accessible name ("…, version 3, …"). */
async function versionsShown(graph: Locator): Promise<Record<string, string>> {
  const labels = await graph
    .getByRole('button')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
  return Object.fromEntries(labels.map((l) => [l.split(',')[0], /version (\d+)/.exec(l)?.[1] ?? 'none']));
}

test('the drawn pipeline shows every model, and "Run this model" runs only that model', async ({
  page,
  openApp,
}) => {
  await openApp();
  await page.evaluate(() => window.lakehouse.runPipeline());
  await page.goto('/#/pipeline');
  const graph = page.getByRole('group', { name: 'The pipeline drawn: sources, Bronze, Silver and Gold' });
  const table = page.getByRole('table', { name: 'Models in run order, with their latest run' });
  const models = await table.locator('tbody th summary').allTextContents();
  expect(models).toHaveLength(20);
  for (const model of models) {
    await expect(
      graph.getByRole('button', { name: new RegExp(`^${escape(model)}, (Silver|Gold) model, success`) }),
    ).toBeVisible();
  }
  const before = await versionsShown(graph);
  expect(before['gold.daily_sales']).toMatch(/^\d+$/);

  await graph.getByRole('button', { name: /^gold\.daily_sales,/ }).click();
  const detail = page.getByRole('region', { name: 'gold.daily_sales' });
  await expect(detail.getByRole('table', { name: /What the run of .* read/ })).toContainText('silver.orders');
  await expect(detail.getByRole('region', { name: 'SQL of gold.daily_sales' })).toContainText('select');
  await detail.getByRole('button', { name: 'Run this model' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Pipeline complete: 1 model ran, 0 up to date/);

  // Only its table moved on: one version more for it, the same version for every other box.
  const after = await versionsShown(graph);
  expect(after).toEqual({ ...before, 'gold.daily_sales': String(Number(before['gold.daily_sales']) + 1) });
  const lastRun = await page.evaluate(() =>
    window.lakehouse.sql(
      `select model from meta.model_runs
       where run_id = (select run_id from meta.model_runs order by started_at desc limit 1)`,
    ),
  );
  expect(lastRun).toEqual([{ model: 'gold.daily_sales' }]);
});

test('the boxes are walked with the arrow keys and opened with Enter', async ({ page, openApp }) => {
  await openApp();
  await page.goto('/#/pipeline');
  const graph = page.getByRole('group', { name: 'The pipeline drawn: sources, Bronze, Silver and Gold' });
  const first = graph.getByRole('button').first();
  await first.focus();
  await expect(graph.getByRole('button').and(page.locator('[tabindex="0"]'))).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^bronze\./);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^silver\..*, Silver model, never run/);
  const name = (await page.locator(':focus').getAttribute('aria-label'))!.split(',')[0];
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).not.toHaveAttribute('aria-label', new RegExp(`^${escape(name)},`));
  await page.keyboard.press('ArrowUp');
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', new RegExp(`^${escape(name)},`));
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name });
  await expect(detail.getByRole('button', { name: 'Run this model' })).toBeEnabled();
  await expect(detail.getByRole('button', { name: 'Run this layer' })).toBeEnabled();
  await expect(detail.getByRole('button', { name: 'Run downstream' })).toBeEnabled();
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', new RegExp(`^${escape(name)},`));
});
