import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The page is no wider than the window (nothing scrolls sideways but inside its own panel). */
async function fitsWindow(page: Page): Promise<void> {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  expect(scrollWidth, 'page width').toBeLessThanOrEqual(innerWidth);
}

test('the Tables screen: never wider than the window, a schema with Delta stats, two versions compared', async ({
  page,
  openApp,
}) => {
  await openApp();
  await page.evaluate(() => window.lakehouse.runDemo());
  // Two commits on silver.orders: v1 deletes one order, v2 changes another's status.
  const [gone, changed] = await page.evaluate(async () => {
    const ids = await window.lakehouse.sql('select order_id from silver.orders order by order_id limit 2');
    const [a, b] = ids.map((r) => String(r.order_id));
    await window.lakehouse.sql(`delete from silver.orders where order_id = '${a}'`);
    await window.lakehouse.sql(
      `update silver.orders set order_status = 'lost_in_transit' where order_id = '${b}'`,
    );
    return [a, b];
  });

  await page.goto('/#/tables');
  const tables = page.getByRole('navigation', { name: 'Tables' });
  await tables.getByRole('button', { name: /silver\.orders/ }).click();
  await expect(page.getByRole('region', { name: 'silver.orders version 2' })).toBeVisible();

  await test.step('no wider than the window at 1280 and 820 px', async () => {
    for (const width of [1280, 820]) {
      await page.setViewportSize({ width, height: 900 });
      await tables.getByRole('button', { name: /bronze\.events/ }).click(); // the widest preview
      await expect(page.getByRole('region', { name: 'bronze.events version 0' })).toBeVisible();
      await fitsWindow(page);
      await tables.getByRole('button', { name: /silver\.orders/ }).click();
      await expect(page.getByRole('region', { name: 'silver.orders version 2' })).toBeVisible();
      await fitsWindow(page);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await test.step('the schema with types and the Delta column statistics', async () => {
    await page.getByRole('tab', { name: 'Schema' }).click();
    const schema = page.getByRole('region', { name: 'Schema and column statistics' });
    const expected = await page.evaluate(() =>
      window.lakehouse.sql(
        `select min(order_id) as low, max(order_id) as high, count(*) filter (where delivered_customer_ts is null)::int as nulls
         from silver.orders`,
      ),
    );
    const orderId = schema
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'order_id' }) });
    await expect(orderId).toContainText('VARCHAR');
    await expect(orderId).toContainText(String(expected[0].low));
    await expect(orderId).toContainText(String(expected[0].high));
    const delivered = schema
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'delivered_customer_ts' }) });
    await expect(delivered).toContainText('TIMESTAMP');
    await expect(delivered.getByRole('cell').nth(5)).toHaveText(
      Number(expected[0].nulls).toLocaleString('en-US'),
    );
    await fitsWindow(page);
  });

  await test.step('compare two versions: rows removed and changed, by the table key', async () => {
    await page.getByRole('tab', { name: 'Compare' }).click();
    await expect(page.getByLabel('Key columns')).toHaveValue('order_id');
    await page.getByLabel('From version').selectOption('0');
    await page.getByLabel('To version').selectOption('2');
    await page.getByRole('button', { name: 'Compare versions' }).click();
    await expect(
      page.getByText('From version 0 to 2: 0 rows added, 1 removed, 1 changed (by order_id).'),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: 'Rows removed' })).toContainText(gone);
    const change = page
      .getByRole('region', { name: 'Rows changed' })
      .getByRole('row')
      .filter({ hasText: changed });
    await expect(change).toContainText('order_status');
    await expect(change).toContainText('lost_in_transit');

    // Without a key the change is one removed and one added row.
    await page.getByLabel('Key columns').fill('');
    await page.getByRole('button', { name: 'Compare versions' }).click();
    await expect(
      page.getByText('From version 0 to 2: 1 row added, 2 removed, 0 changed (no key: whole rows).'),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: 'Rows added' })).toContainText('lost_in_transit');
    await fitsWindow(page);
    await page.screenshot({ path: 'test-results/tables-compare.png', fullPage: true });
  });

  await test.step('the comparison passes the axe audit in both themes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const audit = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
      expect(
        audit.violations.map((v) => `${colorScheme}: ${v.id} ${v.nodes.map((n) => n.target).join(', ')}`),
      ).toEqual([]);
    }
  });
});
