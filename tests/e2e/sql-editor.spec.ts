import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Where screenshots go (outside git); look at them before landing a change to this screen. */
const SHOTS = process.env.SHOTS_DIR ?? 'test-results';

/** A small silver.orders made through the console's own SQL, so the catalog has a table to offer. */
async function makeOrders(page: Page): Promise<void> {
  await page.evaluate(() =>
    window.lakehouse.sql(
      `create table silver.orders as select 'o' || i as order_id, (i * 1.5)::decimal(10,2) as amount,
              date '2018-01-01' + i::int as purchase_date from range(3) t(i)`,
    ),
  );
}

/**
 * Enter on the open completion list. CodeMirror ignores an Enter that comes within 75 ms of the list
 * opening (so fast typing does not pick by accident): a user's pause, not a timing guess.
 */
async function acceptCompletion(page: Page): Promise<void> {
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');
}

async function openSql(page: Page) {
  await page.goto('/#/sql');
  const editor = page.getByLabel('SQL', { exact: true });
  await expect(editor).toBeVisible();
  return editor;
}

test('completion offers silver.orders after "from silv" and its columns after "silver.orders."', async ({
  page,
  openApp,
}) => {
  await openApp();
  await makeOrders(page);
  const editor = await openSql(page);
  await expect(page.getByRole('button', { name: 'silver.orders', exact: true })).toBeVisible();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('select * from silv');
  const options = page.getByRole('listbox');
  await expect(options.getByRole('option', { name: /silver\.orders/ })).toBeVisible();
  await acceptCompletion(page);
  await expect(editor).toHaveText('select * from silver.orders');

  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('select silver.orders.');
  await expect(options.getByRole('option')).toHaveText([/amount/, /order_id/, /purchase_date/], {
    useInnerText: true,
  });
  await expect(options.getByRole('option', { name: /amount/ })).toContainText('DECIMAL(10,2)');
  await page.keyboard.type('purch');
  await expect(options.getByRole('option')).toHaveText([/purchase_date/], { useInnerText: true });
  await acceptCompletion(page);
  await expect(editor).toHaveText('select silver.orders.purchase_date');
});

test('the schema panel lists tables by layer with typed columns, and a click inserts at the cursor', async ({
  page,
  openApp,
}) => {
  await openApp();
  await makeOrders(page);
  const editor = await openSql(page);
  await editor.fill('select  from silver.orders');
  // Put the cursor after "select ".
  await editor.click();
  await page.keyboard.press('Home');
  for (let i = 0; i < 'select '.length; i++) await page.keyboard.press('ArrowRight');
  const panel = page.getByRole('region', { name: 'Tables' });
  await expect(panel.getByRole('heading', { name: 'silver' })).toBeVisible();
  await panel.getByRole('button', { name: 'Columns of silver.orders' }).click();
  const columns = panel.getByRole('list', { name: 'Columns of silver.orders' });
  await expect(columns.getByRole('button')).toHaveText([
    'order_id VARCHAR',
    'amount DECIMAL(10,2)',
    'purchase_date DATE',
  ]);
  await columns.getByRole('button', { name: /^amount/ }).click();
  await expect(editor).toHaveText('select amount from silver.orders');
  await expect(editor).toBeFocused();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(
    page.getByRole('grid', { name: 'Query result' }).getByRole('gridcell', { name: '3', exact: true }),
  ).toBeVisible();
});

test('Ctrl+Enter runs; each result opens as a tab; the history survives a reload and steps with Ctrl+Up', async ({
  page,
  openApp,
}) => {
  await openApp();
  const editor = await openSql(page);
  await editor.fill('select 1 as first_query');
  await editor.press('Control+Enter');
  await expect(page.getByRole('columnheader', { name: /first_query/ })).toBeVisible();
  await editor.fill('select 2 as second_query');
  await editor.press('Control+Enter');
  await expect(page.getByRole('columnheader', { name: /second_query/ })).toBeVisible();

  const tabs = page.getByRole('tablist', { name: 'Results' }).getByRole('tab');
  await expect(tabs).toHaveText(['Result 1', 'Result 2']);
  await tabs.first().click();
  await expect(page.getByRole('columnheader', { name: /first_query/ })).toBeVisible();
  await page.getByRole('button', { name: 'Close result 1' }).click();
  await expect(tabs).toHaveText(['Result 2']);
  await expect(page.getByRole('columnheader', { name: /second_query/ })).toBeVisible();

  await page.reload();
  await page.evaluate(() => window.lakehouse.ready);
  await expect(editor).toBeVisible();
  await page.getByText('History (2)').click();
  await expect(
    page.getByRole('list', { name: 'Query history, newest first' }).getByRole('button'),
  ).toHaveText([/select 2 as second_query/, /select 1 as first_query/]);
  await editor.fill('');
  await editor.press('ControlOrMeta+ArrowUp');
  await expect(editor).toHaveText('select 2 as second_query');
  await editor.press('ControlOrMeta+ArrowUp');
  await expect(editor).toHaveText('select 1 as first_query');
  await editor.press('ControlOrMeta+ArrowDown');
  await expect(editor).toHaveText('select 2 as second_query');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the SQL screen fits the window at 1280 and 820 px (${colorScheme} theme)`, async ({
    page,
    openApp,
  }) => {
    await page.emulateMedia({ colorScheme });
    await openApp();
    await makeOrders(page);
    const editor = await openSql(page);
    await editor.fill('select order_id, amount, purchase_date\nfrom silver.orders -- three rows\norder by 1');
    await editor.press('Control+Enter');
    await expect(page.getByRole('gridcell', { name: 'o2' })).toBeVisible();
    await page
      .getByRole('region', { name: 'Tables' })
      .getByRole('button', { name: 'Columns of silver.orders' })
      .click();
    for (const width of [1280, 820]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `page wider than a ${width} px window`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/sql-${colorScheme}-${width}.png`, fullPage: true });
    }
  });
}
