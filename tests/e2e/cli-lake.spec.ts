import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { DiskStorage } from '../../src/node/disk-storage';
import { generateToLanding } from '../../src/sources/generator/generate-to-landing';
import { expect, test } from './fixtures';
import { chooseFiles, SAMPLE } from './sources-helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const GOLD = [
  'category_monthly',
  'cohort_retention',
  'customer_features',
  'customer_ltv',
  'customer_rfm',
  'daily_sales',
  'delivery_performance',
  'funnel_daily',
  'review_vs_delay',
  'seller_scorecard',
];

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node bin/pocket-lakehouse.mjs run <input> --lake <dir>`, as a user runs it from a clone. */
function cli(input: string, lake: string): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      'node',
      ['bin/pocket-lakehouse.mjs', 'run', input, '--lake', lake],
      { cwd: ROOT, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const work = mkdtempSync(join(tmpdir(), 'cli-lake-e2e-'));
const shopFiles = join(work, 'shop', 'landing', 'olist');
/** Both command-line runs start at once, before the browser's work, and are awaited where needed. */
let sampleRun: Promise<CliRun>;
let shopRun: Promise<CliRun>;

test.beforeAll(async () => {
  sampleRun = cli(SAMPLE, join(work, 'sample-lake'));
  // The app's own generator, written as the nine CSV files a user would hand the command line.
  await generateToLanding(new DiskStorage(join(work, 'shop')), { scale: 0.01, seed: 23 });
  shopRun = cli(shopFiles, join(work, 'shop-lake'));
});

test.afterAll(async () => {
  await Promise.allSettled([sampleRun, shopRun]);
  rmSync(work, { recursive: true, force: true });
});

/**
 * A table's rows in a stable order with every fractional number to 12 significant digits: native
 * DuckDB sums doubles on several threads, DuckDB-WASM on one, so the last bits may differ.
 */
function rowsOf(page: Page, table: string) {
  return page.evaluate(async (t) => {
    const rows = await window.lakehouse.sql(`select * from ${t} order by all`);
    const columns = await window.lakehouse.sql(`describe ${t}`);
    return {
      columns: columns.map((c) => `${String(c.column_name)} ${String(c.column_type)}`),
      rows: rows.map((row) =>
        Object.values(row).map((v) =>
          typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(12) : v,
        ),
      ),
    };
  }, table);
}

/**
 * The browser's pipeline over the files, then each Gold table the command line wrote opened with
 * "Open a Delta table" as a user would: every Gold table gives the same columns and rows.
 */
async function expectSameGold(page: Page, files: string[], run: Promise<CliRun>, lake: string) {
  await chooseFiles(page, files);
  await page.getByRole('link', { name: 'Pipeline' }).click();
  await page.getByRole('button', { name: 'Run pipeline' }).click();
  await expect(page.getByRole('status')).toContainText('Pipeline complete', { timeout: 170_000 });

  const cliRun = await run;
  expect(cliRun.stderr).toBe('');
  expect(cliRun.code).toBe(0);
  expect(cliRun.stdout).toMatch(/\n\s*Done in \d+\.\d s: 9 files ingested, 20 models ran, 0 up to date\./);

  await page.goto('/#/sources');
  for (const table of GOLD) {
    await page.getByLabel('Open a Delta table (folder)').setInputFiles(join(lake, 'tables', 'gold', table));
    await expect(page.getByRole('status')).toContainText(`Opened external.${table} at version 0`);
  }
  for (const table of GOLD) {
    const browser = await rowsOf(page, `gold.${table}`);
    const opened = await rowsOf(page, `external.${table}`);
    expect(opened.columns, table).toEqual(browser.columns);
    expect(opened.rows, table).toEqual(browser.rows);
  }
  const [{ n }] = await page.evaluate(() =>
    window.lakehouse.sql('select count(*)::int as n from external.daily_sales'),
  );
  expect(n).toBeGreaterThan(0);
}

test.describe('the command line’s lake opened in the app', () => {
  test.describe.configure({ timeout: 420_000 });

  test('pocket-lakehouse run on the real sample files writes Gold tables that open in the app with the Gold rows of the browser pipeline', async ({
    page,
    openApp,
  }) => {
    await openApp();
    const files = readdirSync(SAMPLE)
      .filter((name) => name.endsWith('.csv'))
      .map((name) => join(SAMPLE, name));
    await expectSameGold(page, files, sampleRun, join(work, 'sample-lake'));
  });

  test('pocket-lakehouse run on a generated shop writes Gold tables that open in the app with the Gold rows of the browser pipeline', async ({
    page,
    openApp,
  }) => {
    await openApp();
    const files = readdirSync(shopFiles).map((name) => join(shopFiles, name));
    expect(files).toHaveLength(9);
    await expectSameGold(page, files, shopRun, join(work, 'shop-lake'));
  });
});
