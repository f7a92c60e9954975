import { expect, test } from './fixtures';

test('the app boots, reports the engine ready, and offers every screen', async ({ page, openApp }) => {
  await openApp();
  await expect(page.getByRole('status')).toContainText('Engine ready: DuckDB v1.4.3');
  const nav = page.getByRole('navigation', { name: 'Screens' });
  for (const name of ['Sources', 'Pipeline', 'Dashboard', 'Tables', 'Quality', 'SQL', 'Learn']) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }
  const bootMs = await page.evaluate(() => window.lakehouse.ready.then(() => performance.now()));
  console.log(`[measure] page start to engine ready: ${bootMs.toFixed(0)} ms`);
});

test('a query typed into the console runs and shows its rows', async ({ page, openApp }) => {
  await openApp();
  await page.getByRole('link', { name: 'SQL' }).click();
  await page.getByLabel('SQL', { exact: true }).fill("select 6 * 7 as answer, 'olist' as shop");
  await page.getByRole('button', { name: 'Run query' }).click();
  const grid = page.getByRole('grid', { name: 'Query result' });
  await expect(grid.getByRole('columnheader', { name: /answer/ })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: '42' })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: 'olist' })).toBeVisible();
});

test('a failing query shows the message DuckDB gave', async ({ page, openApp }) => {
  await openApp();
  await page.goto('/#/sql');
  await page.getByLabel('SQL', { exact: true }).fill('select * from no_such_table');
  await page.getByLabel('SQL', { exact: true }).press('Control+Enter');
  await expect(page.getByRole('alert')).toContainText('Table with name no_such_table does not exist');
});

test('a 1M-row table written to Parquet in OPFS reads back identical after a reload', async ({
  page,
  openApp,
}) => {
  await openApp();
  const query = `select i::bigint as id, 'customer ' || (i % 9973) as name, (i * 0.37)::decimal(18,2) as amount,
                        timestamp '2017-01-01 00:00:00' + to_seconds(i) as ts
                 from range(1000000) t(i)`;
  const fingerprint = `select count(*)::bigint as n, sum(hash(id, name, amount, ts))::varchar as h`;
  const expected = await page.evaluate((q) => window.lakehouse.sql(q), `${fingerprint} from (${query})`);
  const saved = await page.evaluate(
    (q) => window.lakehouse.engine.debug.saveParquet(q, 'e2e/million.parquet'),
    query,
  );
  console.log(
    `[measure] 1M rows to Parquet: query ${saved.queryMs.toFixed(0)} ms, encode ${saved.parquetMs.toFixed(0)} ms, ` +
      `OPFS write ${saved.storageMs.toFixed(0)} ms, ${(saved.bytes / 1e6).toFixed(1)} MB`,
  );
  await page.reload();
  await page.evaluate(() => window.lakehouse.ready);
  const loaded = await page.evaluate(() =>
    window.lakehouse.engine.debug.loadParquet('e2e/million.parquet', 'million'),
  );
  console.log(
    `[measure] 1M rows from Parquet: OPFS read ${loaded.storageMs.toFixed(0)} ms, decode+load ${loaded.parquetMs.toFixed(0)} ms`,
  );
  const actual = await page.evaluate((q) => window.lakehouse.sql(q), `${fingerprint} from million`);
  expect(actual).toEqual(expected);
  expect(actual[0].n).toBe(1_000_000);
});

test('a long query can be cancelled from the console, and the next one runs', async ({ page, openApp }) => {
  await openApp();
  await page.goto('/#/sql');
  const editor = page.getByLabel('SQL', { exact: true });
  await editor.fill('select count(*), sum(hash(a.i * b.i)) from range(100000) a(i), range(100000) b(i)');
  await page.getByRole('button', { name: 'Run query' }).click();
  await page.getByRole('button', { name: 'Cancel query' }).click();
  await expect(page.getByRole('alert')).toContainText('The query was cancelled');
  await editor.fill('select 7 as after_cancel');
  await page.getByRole('button', { name: 'Run query' }).click();
  await expect(page.getByRole('gridcell', { name: '7' })).toBeVisible();
});
