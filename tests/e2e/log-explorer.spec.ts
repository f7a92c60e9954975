import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

function sql(page: Page, query: string): Promise<Record<string, unknown>[]> {
  return page.evaluate((q) => window.lakehouse.sql(q), query);
}

test('the transaction log of a table: versions, actions and raw JSON, files drawn before and after OPTIMIZE and VACUUM', async ({
  page,
  openApp,
}) => {
  await openApp();
  // Four small files, each holding customers from the whole range.
  await sql(
    page,
    `create table silver.visits as select i as visit_id, md5((i % 300)::varchar) as customer from range(400) t(i)`,
  );
  for (let batch = 1; batch <= 3; batch++)
    await sql(
      page,
      `insert into silver.visits select ${batch} * 1000 + i, md5(((i + ${batch}) % 300)::varchar) from range(400) t(i)`,
    );

  await page.goto('/#/tables');
  await page
    .getByRole('navigation', { name: 'Tables' })
    .getByRole('button', { name: /silver\.visits/ })
    .click();
  await page.getByRole('link', { name: 'Transaction log of silver.visits' }).click();
  await expect(page).toHaveURL(/#\/log\?table=silver.visits$/);
  const versions = page.getByRole('list', { name: 'Versions of silver.visits' });
  await expect(versions.getByRole('button')).toHaveCount(4);
  await expect(versions.getByRole('button', { name: /v3/ })).toHaveAttribute('aria-pressed', 'true');

  // Version 0, chosen with the keyboard: its actions in words, then the raw JSON.
  await versions.getByRole('button', { name: /v0/ }).focus();
  await page.keyboard.press('Enter');
  await expect(versions.getByRole('button', { name: /v0/ })).toHaveAttribute('aria-pressed', 'true');
  const actions = page.getByRole('list', { name: 'Actions of version 0' });
  await expect(actions.getByText('commitInfo: CREATE TABLE AS SELECT')).toBeVisible();
  await expect(actions.getByText('metaData: the schema and partitioning')).toBeVisible();
  await expect(actions.getByText('visit_id long, customer string')).toBeVisible();
  await page.getByRole('button', { name: 'Show raw JSON' }).click();
  await expect(page.getByRole('region', { name: 'Raw JSON of version 0' })).toContainText(
    '"minReaderVersion":1',
  );
  await page.getByRole('button', { name: 'Show readable actions' }).click();

  const boxes = page.locator('.files li');
  await versions.getByRole('button', { name: /v3/ }).click();
  await expect(boxes).toHaveCount(4);
  await expect(page.locator('.files li[data-state="live"]')).toHaveCount(4);
  await page.getByLabel('Range of').selectOption('customer');

  // A one-customer filter reads every file: each spans the whole range.
  const customer = String((await sql(page, `select md5('42') as c`))[0].c);
  await page.getByLabel('Filter').fill(`customer = '${customer}'`);
  await page.getByRole('button', { name: 'Which files?' }).click();
  await expect(page.getByText('reads 4 of 4 files')).toBeVisible();
  // A screen reader hears each box in words: state, rows, size, range, and what the filter did.
  await expect(page.locator('.files li .sr-only').first()).toHaveText(
    /^File \w+: live; 400 rows; [^;]+; customer [0-9a-f]{32} – [0-9a-f]{32}; read by the filter$/,
  );
  await page.screenshot({ path: 'test-results/log-explorer-before.png', fullPage: true });

  // OPTIMIZE ZORDER BY: four small boxes go grey, a few narrow ones replace them.
  const files = await page.evaluate(() => window.lakehouse.engine.lake.files('silver.visits'));
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  await page.evaluate(
    (target) => window.lakehouse.engine.lake.optimize('silver.visits', ['customer'], target),
    Math.ceil(bytes / 2),
  );
  await page.reload();
  await page.evaluate(() => window.lakehouse.ready);
  await expect(versions.getByRole('button')).toHaveCount(5);
  await expect(versions.getByRole('button', { name: /v4/ })).toContainText('OPTIMIZE');
  await expect(versions.getByRole('button', { name: /v4/ })).toContainText('same rows, new files');
  await expect(page.locator('.files li[data-state="removed"]')).toHaveCount(4);
  const live = await page.locator('.files li[data-state="live"]').count();
  expect(live).toBeGreaterThan(1);
  expect(live).toBeLessThan(4);
  await page.getByLabel('Range of').selectOption('customer');
  await page.getByLabel('Filter').fill(`customer = '${customer}'`);
  await page.getByRole('button', { name: 'Which files?' }).click();
  await expect(page.getByText(`reads 1 of ${live} files`)).toBeVisible();
  await expect(page.locator('.files li[data-read="true"]')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/log-explorer-optimized.png', fullPage: true });

  // VACUUM deletes the grey boxes; the old version now needs files that are gone.
  await sql(page, 'vacuum silver.visits retain 0 hours force');
  await page.reload();
  await page.evaluate(() => window.lakehouse.ready);
  await expect(page.locator('.files li[data-state="removed"]')).toHaveCount(0);
  await versions.getByRole('button', { name: /v3/ }).click();
  await expect(page.locator('.files li[data-state="missing"]')).toHaveCount(4);
  await page.setViewportSize({ width: 820, height: 900 });
  await page.screenshot({ path: 'test-results/log-explorer-820.png', fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
});

test('a Delta table written elsewhere (external.*) has its transaction log one click from the Tables screen', async ({
  page,
  openApp,
}) => {
  await openApp();
  await page.goto('/#/sources');
  await page
    .getByLabel('Open a Delta table (folder)')
    .setInputFiles(join(import.meta.dirname, '../fixtures/delta-golden/table-with-dv-small'));
  await expect(page.getByRole('status')).toContainText('Opened external.table_with_dv_small at version 1');

  await page.goto('/#/tables');
  await page
    .getByRole('navigation', { name: 'Tables' })
    .getByRole('button', { name: /external\.table_with_dv_small/ })
    .click();
  await page.getByRole('link', { name: 'Transaction log of external.table_with_dv_small' }).click();
  await expect(page).toHaveURL(/#\/log\?table=external.table_with_dv_small$/);
  const versions = page.getByRole('list', { name: 'Versions of external.table_with_dv_small' });
  await expect(versions.getByRole('button')).toHaveCount(2);
  await expect(versions.getByRole('button', { name: /v1/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.files li[data-state="live"]')).toHaveCount(1);
});
