import { zipSync } from 'fflate';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const GOLDEN = join(import.meta.dirname, '../fixtures/delta-golden');

interface ExpectedVersion {
  operation: string;
  files: number;
  rows: number;
  data?: (string | null)[][];
  columns?: string[];
}
const EXPECTED = JSON.parse(readFileSync(join(GOLDEN, 'EXPECTED.json'), 'utf8')) as Record<
  string,
  { columns: string[]; latestVersion: number; versions: Record<string, ExpectedVersion> }
>;

/** The table name the app gives a folder: lower case, `_` for anything else. */
const nameOf = (folder: string) => `external.${folder.toLowerCase().replace(/[^a-z0-9_]+/g, '_')}`;

/** Every file of a golden table, path → bytes, with the folder's name first (as a zip of the folder holds it). */
function tableFiles(folder: string): Record<string, Uint8Array> {
  const root = join(GOLDEN, folder);
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) =>
      statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)],
    );
  return Object.fromEntries(walk(root).map((f) => [`${folder}/${relative(root, f)}`, readFileSync(f)]));
}

/** Every file the app keeps in OPFS, path and size, read outside the app's code. */
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
    await walk(
      await (await navigator.storage.getDirectory()).getDirectoryHandle('lakehouse', { create: true }),
      '',
    );
    return out.sort();
  });
}

/** Every version's rows of an external table in SQL (VERSION AS OF), as EXPECTED.json writes them. */
function readEveryVersion(page: Page, table: string, versions: { v: string; data: boolean }[]) {
  return page.evaluate(
    async ({ table, versions }) => {
      const out: Record<string, { rows: number; files: number; data: (string | null)[][] } | string> = {};
      for (const { v, data } of versions) {
        const files = (await window.lakehouse.engine.lake.files(table, Number(v))).length;
        try {
          const columns = await window.lakehouse.sql(`describe select * from ${table} version as of ${v}`);
          const select = columns
            .map(
              (c, i) =>
                `cast(${String(c.column_type).startsWith('TIMESTAMP') ? `cast("${String(c.column_name)}" as timestamptz)` : `"${String(c.column_name)}"`} as varchar) as c${i}`,
            )
            .join(', ');
          if (!data) {
            const [{ n }] = await window.lakehouse.sql(
              `select count(*)::int as n from ${table} version as of ${v}`,
            );
            out[v] = { rows: n as number, files, data: [] };
            continue;
          }
          const rows = await window.lakehouse.sql(
            `select ${select} from ${table} version as of ${v} order by all`,
          );
          out[v] = {
            rows: rows.length,
            files,
            data: rows.map((r) => columns.map((_, i) => r[`c${i}`] as string | null)),
          };
        } catch (error) {
          out[v] = `${(error as Error).name} (files ${files})`;
        }
      }
      return out;
    },
    { table, versions },
  );
}

test.describe('Open a Delta table', () => {
  test('every golden table opened through the folder control reads every version as EXPECTED.json says, and stays after a reload', async ({
    page,
    openApp,
  }) => {
    test.setTimeout(300_000);
    await openApp();
    await page.goto('/#/sources');
    const folders = Object.keys(EXPECTED);
    for (const folder of folders) {
      await page.getByLabel('Open a Delta table (folder)').setInputFiles(join(GOLDEN, folder));
      await expect(page.getByRole('status')).toContainText(`Opened ${nameOf(folder)} at version`, {
        timeout: 120_000,
      });
    }
    const list = page.getByRole('region', { name: 'External tables' });
    for (const folder of folders) await expect(list).toContainText(nameOf(folder));

    for (const folder of folders) {
      const want = EXPECTED[folder];
      const got = await readEveryVersion(
        page,
        nameOf(folder),
        Object.entries(want.versions).map(([v, facts]) => ({ v, data: facts.data !== undefined })),
      );
      for (const [v, facts] of Object.entries(want.versions)) {
        const read = got[v];
        if ((facts.columns ?? want.columns).length === 0) {
          expect(read, `${folder} version ${v}`).toBe(`NoSchema (files ${facts.files})`);
          continue;
        }
        if (typeof read === 'string') throw new Error(`${folder} version ${v}: ${read}`);
        expect(read.rows, `${folder} version ${v} rows`).toBe(facts.rows);
        expect(read.files, `${folder} version ${v} files`).toBe(facts.files);
        if (facts.data) expect(read.data, `${folder} version ${v} values`).toEqual(facts.data);
      }
      const history = await page.evaluate(
        (t) => window.lakehouse.sql(`describe history ${t}`),
        nameOf(folder),
      );
      expect(history.length, `${folder} history`).toBe(Object.keys(want.versions).length);
    }

    await page.reload();
    await page.evaluate(() => window.lakehouse.ready);
    const [{ n }] = await page.evaluate(() =>
      window.lakehouse.sql('select count(*)::int as n from external.table_with_dv_small'),
    );
    expect(n).toBe(8);
    await page.goto('/#/sources');
    for (const folder of folders) await expect(list).toContainText(nameOf(folder));
  });

  test('a zip opens as a table; a refused reader feature, a damaged zip and a write are refused with their messages and change nothing', async ({
    page,
    openApp,
  }) => {
    await openApp();
    await page.goto('/#/sources');
    const status = page.getByRole('status');
    const zipInput = page.getByLabel('Open a Delta table (zip)');
    await zipInput.setInputFiles({
      name: 'small.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zipSync(tableFiles('table-with-dv-small'))),
    });
    await expect(status).toContainText('Opened external.table_with_dv_small at version 1');
    const before = await storedFiles(page);

    const variant = tableFiles('table-without-dv-small');
    const first = 'table-without-dv-small/_delta_log/00000000000000000000.json';
    variant[first] = new TextEncoder().encode(
      new TextDecoder()
        .decode(variant[first])
        .replace(
          '{"protocol":{"minReaderVersion":1,"minWriterVersion":2}}',
          '{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["variantType"],"writerFeatures":["variantType"]}}',
        ),
    );
    await zipInput.setInputFiles({
      name: 'variant.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zipSync(variant)),
    });
    const alert = page.getByRole('alert');
    await expect(alert).toHaveText(
      'variant.zip: external.table_without_dv_small needs the Delta reader feature "variantType", which this app does ' +
        'not implement, so it cannot read the table correctly. It reads tables with columnMapping, deletionVectors, ' +
        'timestampNtz, v2Checkpoint, vacuumProtocolCheck, typeWidening, typeWidening-preview. Nothing was opened.',
    );
    expect(await storedFiles(page)).toEqual(before);

    const zip = zipSync(tableFiles('simple_table'), { level: 0 });
    const cut = Buffer.from(zip.subarray(0, Math.floor(zip.length / 2)));
    await zipInput.setInputFiles({ name: 'cut.zip', mimeType: 'application/zip', buffer: cut });
    await expect(alert).toHaveText(
      'cut.zip: the zip is incomplete: its end-of-archive record is missing, so the download or copy was cut short. Nothing was opened.',
    );
    const flipped = Buffer.from(zip);
    flipped[200] ^= 0xff; // inside the first stored entry's bytes: its CRC-32 no longer matches
    await zipInput.setInputFiles({ name: 'flipped.zip', mimeType: 'application/zip', buffer: flipped });
    await expect(alert).toContainText('flipped.zip: it is damaged: simple_table/');
    await expect(alert).toContainText('its CRC-32 does not match. Nothing was opened.');
    expect(await storedFiles(page)).toEqual(before);

    const write = await page.evaluate(() =>
      window.lakehouse.sql('delete from external.table_with_dv_small').then(
        () => 'deleted',
        (e: Error) => `${e.name}: ${e.message}`,
      ),
    );
    expect(write).toBe(
      'ReadOnlyTable: external.table_with_dv_small is an external table, opened read-only: DELETE is refused and ' +
        'nothing was changed. To change it, use "Import into the lakehouse" on the Sources screen (it becomes a lake ' +
        'table with its history), or copy it: CREATE TABLE silver.my_copy AS SELECT * FROM external.table_with_dv_small.',
    );
    expect(await storedFiles(page)).toEqual(before);
  });
});
