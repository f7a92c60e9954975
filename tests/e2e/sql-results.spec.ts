import type { Download, Page } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ParquetWasmModule } from '../../src/engine/parquet-codec';
import { expect, test } from './fixtures';

/** parquet-wasm's Node build, to read a downloaded Parquet file back outside the app. */
const parquetWasm = createRequire(import.meta.url)('parquet-wasm/node') as ParquetWasmModule;

async function downloaded(page: Page, button: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return { download, bytes: readFileSync((await download.path())!) };
}

/** Where screenshots go (outside git); look at them before landing a change to this screen. */
const SHOTS = process.env.SHOTS_DIR ?? 'test-results';

const HUNDRED_THOUSAND = 'select range as n, range % 7 as k from range(100000)';

async function runInConsole(page: Page, query: string): Promise<void> {
  await page.goto('/#/sql');
  const editor = page.getByLabel('SQL', { exact: true });
  await editor.fill(query);
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('button', { name: 'Run query' })).toBeEnabled();
}

test('a result of 100,000 rows shows its count and types, scrolls to row 100,000, and keeps under 200 rows in the page', async ({
  page,
  openApp,
}) => {
  await openApp();
  await runInConsole(page, HUNDRED_THOUSAND);
  await expect(page.getByText('Query result: 100,000 rows in')).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Query result' });
  await expect(grid).toHaveAttribute('aria-rowcount', '100001');
  await expect(grid).toHaveAttribute('aria-colcount', '3');
  await expect(grid.getByRole('columnheader', { name: 'n BIGINT' })).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'k BIGINT' })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: '499', exact: true })).toHaveCount(0);

  // A user drags the scroll bar to the bottom.
  await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const lastRow = grid.locator('[role=row][aria-rowindex="100001"]');
  await expect(lastRow).toBeVisible();
  await expect(lastRow.getByRole('gridcell')).toHaveText(['99999', String(99_999 % 7)]);
  await expect(lastRow.getByRole('rowheader')).toHaveText('100000');
  expect(await grid.getByRole('row').count()).toBeLessThan(200);

  // And back to the middle: a window read from the worker on the way.
  await grid.evaluate((el) => el.scrollTo({ top: 50_000 * 28 }));
  await expect(grid.locator('[role=row][aria-rowindex="50002"]').getByRole('gridcell').first()).toHaveText(
    '50000',
  );
  expect(await grid.getByRole('row').count()).toBeLessThan(200);
});

test('the keyboard moves the focused cell: arrows, PageDown, End, Ctrl+End, Ctrl+Home', async ({
  page,
  openApp,
}) => {
  await openApp();
  await runInConsole(page, HUNDRED_THOUSAND);
  const grid = page.getByRole('grid', { name: 'Query result' });
  await grid.focus();
  const active = async () =>
    grid.evaluate((el) => {
      const cell = document.getElementById(el.getAttribute('aria-activedescendant') ?? '');
      return `${cell?.parentElement?.getAttribute('aria-rowindex')}:${cell?.textContent}`;
    });
  expect(await active()).toBe('2:0');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  expect(await active()).toBe(`3:${1 % 7}`);
  await page.keyboard.press('PageDown');
  const afterPage = await active();
  expect(Number(afterPage.split(':')[0])).toBeGreaterThan(10);
  await page.keyboard.press('Home');
  await page.keyboard.press('Control+End');
  await expect.poll(active).toBe(`100001:${99_999 % 7}`);
  await expect(grid.locator('[role=row][aria-rowindex="100001"]')).toBeInViewport();
  await page.keyboard.press('Control+Home');
  await expect.poll(active).toBe('2:0');
  await expect(grid.locator('[role=row][aria-rowindex="2"]')).toBeInViewport();
});

test('an error query shows DuckDB’s message and keeps the result tabs before it', async ({
  page,
  openApp,
}) => {
  await openApp();
  await runInConsole(page, 'select 1 as kept');
  await page.getByLabel('SQL', { exact: true }).fill('select * from no_such_table');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('alert')).toContainText('Table with name no_such_table does not exist');
  await expect(page.getByRole('tablist', { name: 'Results' }).getByRole('tab')).toHaveText(['Result 1']);
  await expect(page.getByRole('grid', { name: 'Query result' }).getByRole('gridcell')).toHaveText(['1']);
});

test('Download CSV gives every row of the result, and Download Parquet a file with the same rows', async ({
  page,
  openApp,
}) => {
  await openApp();
  await runInConsole(page, HUNDRED_THOUSAND);
  const csv = await downloaded(page, 'Download CSV');
  expect(csv.download.suggestedFilename()).toBe('result-1.csv');
  const lines = csv.bytes.toString('utf8').split('\r\n');
  expect(lines.at(-1)).toBe('');
  lines.pop();
  expect(lines).toHaveLength(100_001);
  expect(lines[0]).toBe('n,k');
  for (const i of [0, 1, 49_999, 99_999]) expect(lines[i + 1]).toBe(`${i},${i % 7}`);

  const parquet = await downloaded(page, 'Download Parquet');
  expect(parquet.download.suggestedFilename()).toBe('result-1.parquet');
  const table = tableFromIPC(parquetWasm.readParquet(new Uint8Array(parquet.bytes)).intoIPCStream());
  expect(table.numRows).toBe(100_000);
  const n = table.getChild('n')!;
  const k = table.getChild('k')!;
  for (const i of [0, 49_999, 99_999]) expect([Number(n.get(i)), Number(k.get(i))]).toEqual([i, i % 7]);
});

test('a cell a spreadsheet would run as a formula is written guarded in the CSV', async ({
  page,
  openApp,
}) => {
  await openApp();
  await runInConsole(page, `select '=1+1' as f, '@SUM(A1)' as g, -5 as n`);
  const csv = await downloaded(page, 'Download CSV');
  expect(csv.bytes.toString('utf8')).toBe(`f,g,n\r\n'=1+1,'@SUM(A1),-5\r\n`);
});

test('Chart this draws the result with Plot, says its row cap, and redraws when x changes', async ({
  page,
  openApp,
}) => {
  await openApp();
  await runInConsole(page, `select range as n, range % 7 as k, 'g' || (range % 3) as g from range(20000)`);
  await page.getByRole('button', { name: 'Chart this' }).click();
  const chart = page.getByRole('group', { name: 'Chart this: Result 1' });
  await expect(chart.getByText('Drawn from the first 10,000 of 20,000 rows.')).toBeVisible();
  // Defaults: x the first text column, y the first number column.
  await expect(chart.getByLabel('x', { exact: true })).toHaveValue('g');
  await expect(chart.getByLabel('y', { exact: true })).toHaveValue('n');
  const image = chart.getByRole('img', { name: 'Chart of n by g, Result 1' });
  await expect(image).toBeVisible();
  // Marks, not only axes: shapes in the theme's series colour (the axes draw in currentColor).
  const MARKS =
    'g[stroke]:not([stroke="currentColor"]) > *, g[fill]:not([fill="currentColor"]):not([fill="none"]) > *';
  expect(await image.locator(MARKS).count()).toBeGreaterThan(0);
  const before = await image.innerHTML();

  await chart.getByLabel('x', { exact: true }).selectOption('k');
  const redrawn = chart.getByRole('img', { name: 'Chart of n by k, Result 1' });
  await expect(redrawn).toBeVisible();
  expect(await redrawn.innerHTML()).not.toBe(before);
  expect(await redrawn.locator(MARKS).count()).toBeGreaterThan(0);
  await chart.getByText(/Data behind this chart/).click();
  await expect(chart.getByRole('table').getByRole('columnheader')).toHaveText(['k', 'n']);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the SQL screen with a 100,000-row result fits 1280 and 820 px (${colorScheme})`, async ({
    page,
    openApp,
  }) => {
    await page.emulateMedia({ colorScheme });
    await openApp();
    await runInConsole(
      page,
      `select range as n, range % 7 as k, 'customer ' || range as label, date '2018-01-01' + (range % 365)::int as day,
              (range * 1.25)::decimal(12,2) as amount from range(100000)`,
    );
    await expect(page.getByText('Query result: 100,000 rows in')).toBeVisible();
    const shoot = async (name: string) => {
      for (const width of [1280, 820]) {
        await page.setViewportSize({ width, height: 900 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `page wider than a ${width} px window`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${SHOTS}/${name}-${colorScheme}-${width}.png`, fullPage: true });
      }
    };
    await shoot('sql-result');
    await page.getByRole('button', { name: 'Chart this' }).click();
    await page
      .getByRole('group', { name: 'Chart this: Result 1' })
      .getByLabel('color', { exact: true })
      .selectOption('k');
    await expect(page.getByRole('img', { name: 'Chart of n by day and k, Result 1' })).toBeVisible();
    await shoot('sql-chart');
  });
}
