import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { expect, test } from './fixtures';

/** A second browser profile of its own (its own OPFS), as another browser or user would have. */
async function freshProfile(
  baseURL: string,
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'lakehouse-e2e-import-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    baseURL,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Every stored file of the lakehouse (path and size), read from OPFS in the page, outside the app. */
function storedFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const out: string[] = [];
    const walk = async (dir: FileSystemDirectoryHandle, prefix: string) => {
      for await (const [name, handle] of (
        dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }
      ).entries()) {
        if (handle.kind === 'directory') await walk(handle as FileSystemDirectoryHandle, `${prefix}${name}/`);
        else out.push(`${prefix}${name}:${(await (handle as FileSystemFileHandle).getFile()).size}`);
      }
    };
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('lakehouse');
    for (const folder of ['tables', 'landing'])
      await walk(await root.getDirectoryHandle(folder), `${folder}/`).catch(() => {});
    return out.sort();
  });
}

/** Every table, each of its versions with its row count and a hash of its rows (time travel in SQL). */
function versionsAndRows(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const out: Record<string, string> = {};
    for (const table of await window.lakehouse.engine.lake.listTables()) {
      for (let version = 0; version <= table.version; version++) {
        const [row] = await window.lakehouse.sql(
          `select count(*)::int as n, coalesce(sum(hash(x::varchar)), 0)::varchar as h
           from ${table.name} version as of ${version} x`,
        );
        out[`${table.name}@${version}`] = `${String(row.n)} rows ${String(row.h)}`;
      }
    }
    return out;
  });
}

test('a demo lakehouse exported in one profile and imported in a fresh one matches version for version and row for row; the next pipeline run there writes nothing', async ({
  page,
  openApp,
  baseURL,
}) => {
  await openApp();
  await page.evaluate(() => window.lakehouse.runDemo());
  await page.goto('/#/sources');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export lakehouse' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^pocket-lakehouse-\d{8}-\d{6}\.zip$/);
  const zipPath = join(mkdtempSync(join(tmpdir(), 'lakehouse-zip-')), download.suggestedFilename());
  await download.saveAs(zipPath);
  await expect(page.getByRole('status')).toContainText(/^Exported \d+ tables with their history/);
  const files = await storedFiles(page);
  const rows = await versionsAndRows(page);
  expect(Object.keys(rows)).toContain('gold.funnel_daily@0');
  expect(Object.keys(rows)).toContain('meta.model_runs@0');

  const other = await freshProfile(baseURL!);
  try {
    const fresh = other.context.pages()[0] ?? (await other.context.newPage());
    await openApp(fresh);
    await fresh.goto('/#/sources');
    await fresh.getByLabel('Import lakehouse').setInputFiles(zipPath);
    await expect(fresh.getByRole('status')).toContainText(/^Imported pocket-lakehouse-.*: \d+ tables/);
    expect(await storedFiles(fresh)).toEqual(files);
    expect(await versionsAndRows(fresh)).toEqual(rows);

    await fresh.getByRole('link', { name: 'Pipeline' }).click();
    await fresh.getByRole('button', { name: 'Run pipeline' }).click();
    await expect(fresh.getByRole('status')).toHaveText('Pipeline complete: nothing new to run');
    expect(await storedFiles(fresh)).toEqual(files);

    // Importing into a lakehouse that holds data asks first; keeping it changes nothing.
    await fresh.goto('/#/sources');
    await fresh.getByLabel('Import lakehouse').setInputFiles(zipPath);
    const dialog = fresh.getByRole('dialog', { name: 'Replace this lakehouse?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Keep this lakehouse' })).toBeFocused();
    const audit = await new AxeBuilder({ page: fresh })
      .include('dialog')
      .withTags(['wcag2a', 'wcag2aa'])
      .analyze();
    expect(audit.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await fresh.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(fresh.getByRole('status')).toHaveText(
      `Import of ${download.suggestedFilename()} cancelled; the lakehouse was not changed`,
    );

    // A zip cut short is refused with the reason before anything is asked, and changes nothing.
    const bytes = readFileSync(zipPath);
    await fresh.getByLabel('Import lakehouse').setInputFiles({
      name: 'cut.zip',
      mimeType: 'application/zip',
      buffer: bytes.subarray(0, Math.floor(bytes.length / 2)),
    });
    await expect(fresh.getByRole('alert')).toHaveText(
      'cut.zip: the zip is incomplete: its end-of-archive record is missing, so the download or copy was cut short. The lakehouse was not changed.',
    );
    expect(await storedFiles(fresh)).toEqual(files);
  } finally {
    await other.close();
    rmSync(join(zipPath, '..'), { recursive: true, force: true });
  }
});
