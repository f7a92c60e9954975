import { expect, test } from './fixtures';

test('the SQL console refuses extensions, settings and URLs with a clear message, and no request leaves the app', async ({
  context,
  page,
  openApp,
}) => {
  // Anything that tries to reach another site is recorded by the fixture (which fails the test) and stopped here.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await openApp();
  await page.getByRole('link', { name: 'SQL' }).click();
  const editor = page.getByLabel('SQL', { exact: true });
  const refusals: Array<[string, string]> = [
    [
      'install httpfs',
      'install httpfs installs an extension; the SQL console cannot install or load extensions',
    ],
    [
      'set autoinstall_known_extensions = true',
      "set autoinstall_known_extensions = changes a setting; the SQL console cannot install or load extensions or change DuckDB's settings",
    ],
    [
      "select * from read_csv('https://example.org/data.csv')",
      "'https://example.org/data.csv' is on the network; the SQL console reads only the lakehouse's tables and never makes a request to another site.",
    ],
  ];
  for (const [query, message] of refusals) {
    await editor.fill(query);
    await page.getByRole('button', { name: 'Run query' }).click();
    await expect(page.getByRole('alert')).toContainText('Query failed.');
    await expect(page.getByRole('alert')).toContainText(message);
  }
  // Past the console's own words, DuckDB itself opens nothing outside the lakehouse.
  const direct = await page.evaluate(async () => {
    try {
      await window.lakehouse.engine.lake.sql("select * from read_csv('http' || '://example.org/other.csv')");
      return 'ran';
    } catch (error) {
      return (error as Error).message;
    }
  });
  expect(direct).toContain('outside the lakehouse');
  // The engine still works.
  expect(await page.evaluate(() => window.lakehouse.sql('select 40 + 2 as answer'))).toEqual([
    { answer: 42 },
  ]);
});

test('the page carries a Content-Security-Policy that allows nothing from another origin, and the app runs under it', async ({
  page,
  openApp,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await openApp();
  const policy = await page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
  );
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("connect-src 'self'");
  expect(policy).not.toMatch(/https?:|\*/);
  const blocked = await page.evaluate(async () => {
    try {
      await fetch('https://example.org/x');
      return 'fetched';
    } catch {
      return 'blocked';
    }
  });
  expect(blocked).toBe('blocked');
  // DuckDB-WASM and parquet-wasm boot and write a table under the policy.
  await page.evaluate(() => window.lakehouse.sql('create table silver.csp_check as select 1 as id'));
  expect(await page.evaluate(() => window.lakehouse.sql('select id from silver.csp_check'))).toEqual([
    { id: 1 },
  ]);
  expect(violations.filter((v) => !v.includes('example.org'))).toEqual([]);
});
