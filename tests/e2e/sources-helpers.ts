import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

/** The real Olist sample files, read-only. */
export const SAMPLE = join(import.meta.dirname, '../fixtures/olist-sample');

/** The nine Olist files and the rows a real CSV parser counts in each sample (its README). */
export const SAMPLE_ROWS: Record<string, [table: string, rows: number]> = {
  'olist_customers_dataset.csv': ['bronze.olist_customers', 200],
  'olist_geolocation_dataset.csv': ['bronze.olist_geolocation', 88],
  'olist_order_items_dataset.csv': ['bronze.olist_order_items', 5_154],
  'olist_order_payments_dataset.csv': ['bronze.olist_order_payments', 103_886],
  'olist_order_reviews_dataset.csv': ['bronze.olist_order_reviews', 6_123],
  'olist_orders_dataset.csv': ['bronze.olist_orders', 4_071],
  'olist_products_dataset.csv': ['bronze.olist_products', 32_951],
  'olist_sellers_dataset.csv': ['bronze.olist_sellers', 3_095],
  'product_category_name_translation.csv': ['bronze.olist_category_translation', 71],
};

/** A file for setInputFiles. */
export function upload(name: string, bytes: Uint8Array | string) {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  return { name, mimeType: 'text/csv', buffer };
}

/** A sample file's bytes. */
export function sample(name: string): Buffer {
  return readFileSync(join(SAMPLE, name));
}

/** Choose files in the "Upload Olist files" input as a user would, and wait for the ingestion to end. */
export async function chooseFiles(page: Page, files: Parameters<Page['setInputFiles']>[1]): Promise<void> {
  await page.goto('/#/sources');
  const status = page.getByRole('status');
  await page.getByLabel('Upload Olist files', { exact: true }).setInputFiles(files);
  await expect(status).toContainText(/^Ingested \d+ of \d+ files? into Bronze/, { timeout: 170_000 });
}

/** The report row of a file (by the file name cell). */
export function reportRow(page: Page, file: string) {
  return page
    .getByRole('region', { name: 'Ingestion report' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: file, exact: true }) });
}

/** Latest version of every table in the lake (by name). */
export async function tableVersions(page: Page): Promise<Record<string, number>> {
  const tables = await page.evaluate(() => window.lakehouse.engine.lake.listTables());
  return Object.fromEntries(tables.map((t) => [t.name, t.version]));
}

/** Paths under landing/ in OPFS (read in the page, outside the app's code). */
export async function landingFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const out: string[] = [];
    const walk = async (dir: FileSystemDirectoryHandle, prefix: string) => {
      for await (const [name, handle] of (
        dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }
      ).entries()) {
        if (handle.kind === 'directory') await walk(handle as FileSystemDirectoryHandle, `${prefix}${name}/`);
        else out.push(`${prefix}${name}`);
      }
    };
    const root = await navigator.storage.getDirectory();
    try {
      const landing = await (await root.getDirectoryHandle('lakehouse')).getDirectoryHandle('landing');
      await walk(landing, 'landing/');
    } catch {
      // no landing zone yet
    }
    return out.sort();
  });
}
