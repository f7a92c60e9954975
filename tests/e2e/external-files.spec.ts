import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const GOLDEN = join(import.meta.dirname, '../fixtures/delta-golden');
const PARQUET = join(
  GOLDEN,
  'table-without-dv-small/part-00000-517f5d32-9c95-48e8-82b4-0229cc194867-c000.snappy.parquet',
);

async function duckdbFile(): Promise<Buffer> {
  const path = join(mkdtempSync(join(tmpdir(), 'e2e-duckdb-')), 'shop.duckdb');
  const db = await DuckDBInstance.create(path);
  const conn = await db.connect();
  await conn.run(`CREATE TABLE customers AS SELECT range AS id, 'c' || range AS name FROM range(4)`);
  conn.closeSync();
  db.closeSync();
  return readFileSync(path);
}

test('"Open files" opens Parquet, CSV and a DuckDB database as external tables, refuses a bad JSON file; rename, import, remove; the Olist upload hands a Parquet file over; newline-delimited JSON opens typed', async ({
  page,
  openApp,
}) => {
  await openApp();
  await page.goto('/#/sources');
  const status = page.getByRole('status');
  await page.getByRole('button', { name: 'Open files', exact: true }).setInputFiles([
    {
      name: 'budget.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('month,amount\n2024-01,12.5\n2024-02,800\n'),
    },
    { name: 'shop.duckdb', mimeType: 'application/octet-stream', buffer: await duckdbFile() },
  ]);
  await expect(status).toHaveText('Opened external.budget, external.shop from 2 files, read-only');
  await page.getByLabel('Upload Olist files', { exact: true }).setInputFiles(PARQUET);
  await expect(status).toContainText(
    'Opened external.part_00000_517f5d32_9c95_48e8_82b4_0229cc194867_c000_snappy from',
  );
  const counts = await page.evaluate(() =>
    window.lakehouse.sql(
      `select (select sum(amount) from external.budget) as budget, 
              (select count(*)::int from external.shop) as shop,
              (select sum(value)::int from external.part_00000_517f5d32_9c95_48e8_82b4_0229cc194867_c000_snappy) as parquet`,
    ),
  );
  expect(counts).toEqual([{ budget: 812.5, shop: 4, parquet: 45 }]);
  const list = page.getByRole('region', { name: 'External tables' });
  await expect(list).toContainText('external.shop');

  await page
    .getByRole('button', { name: 'Open files', exact: true })
    .setInputFiles([
      { name: 'bad.jsonl', mimeType: 'application/json', buffer: Buffer.from('{"id":1}\nnot json\n') },
    ]);
  await expect(page.getByRole('alert')).toContainText('bad.jsonl: line 2 is not JSON (');
  await expect(page.getByRole('alert')).toContainText('). Nothing was opened.');
  expect(await page.evaluate(async () => (await window.lakehouse.engine.lake.listTables()).length)).toBe(3);

  await list.getByRole('button', { name: 'Rename external.budget' }).click();
  await list.getByLabel('New name for external.budget').fill('budget_2024');
  await list.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(status).toHaveText('external.budget is now external.budget_2024');
  await list.getByRole('button', { name: 'Import external.shop into the lakehouse' }).click();
  await expect(status).toHaveText(
    'Imported external.shop into the lakehouse as imported.shop, with its history',
  );
  await list
    .getByRole('button', {
      name: 'Remove external.part_00000_517f5d32_9c95_48e8_82b4_0229cc194867_c000_snappy',
    })
    .click();
  await expect(status).toHaveText(
    'Removed external.part_00000_517f5d32_9c95_48e8_82b4_0229cc194867_c000_snappy',
  );
  const names = await page.evaluate(async () =>
    (await window.lakehouse.engine.lake.listTables()).map((t) => t.name),
  );
  expect(names.sort()).toEqual(['external.budget_2024', 'imported.shop']);
  const deleted = await page.evaluate(() => window.lakehouse.sql('delete from imported.shop where id >= 2'));
  expect(deleted).toBeDefined();
  const [{ n }] = await page.evaluate(() =>
    window.lakehouse.sql('select count(*)::int as n from imported.shop'),
  );
  expect(n).toBe(2);

  // Newline-delimited JSON, typed by its values, built without apache-arrow's eval-compiled builders
  // (the page's Content-Security-Policy refuses eval).
  await page.getByRole('button', { name: 'Open files', exact: true }).setInputFiles([
    {
      name: 'clicks.jsonl',
      mimeType: 'application/json',
      buffer: Buffer.from(
        '{"id": 1, "ok": true, "ms": 1.5, "page": "home"}\n{"id": 2, "ok": false, "tags": ["a"]}\n',
      ),
    },
  ]);
  await expect(status).toContainText('Opened external.clicks');
  expect(
    await page.evaluate(() =>
      window.lakehouse.sql('select id, ok, ms, page, tags from external.clicks order by id'),
    ),
  ).toEqual([
    { id: 1, ok: true, ms: 1.5, page: 'home', tags: null },
    { id: 2, ok: false, ms: null, page: null, tags: '["a"]' },
  ]);
});
