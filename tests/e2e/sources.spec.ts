import { gzipSync, zipSync } from 'fflate';
import { expect, test } from './fixtures';
import {
  chooseFiles,
  landingFiles,
  reportRow,
  sample,
  SAMPLE_ROWS,
  tableVersions,
  upload,
} from './sources-helpers';

const NINE = Object.keys(SAMPLE_ROWS);
/** What the status adds once Bronze has new rows. */
const NEXT = 'Next: Run pipeline to build Silver and Gold from them';

test.describe('real Olist files through "Upload Olist files"', () => {
  test('the nine sample files become nine Bronze tables with the counts a real CSV parser gives, exactly once across re-upload and reload', async ({
    page,
    openApp,
  }) => {
    await openApp();
    await chooseFiles(
      page,
      NINE.map((name) => upload(name, sample(name))),
    );
    await expect(page.getByRole('status')).toHaveText(
      `Ingested 9 of 9 files into Bronze (155,639 rows). ${NEXT}`,
    );
    for (const [file, [table, rows]] of Object.entries(SAMPLE_ROWS)) {
      await expect(reportRow(page, file)).toContainText(table);
      await expect(reportRow(page, file)).toContainText(rows.toLocaleString('en'));
      const [{ n }] = await page.evaluate(
        (t) => window.lakehouse.sql(`select count(*)::int as n from ${t}`),
        table,
      );
      expect(n, table).toBe(rows);
    }
    const versions = await tableVersions(page);

    await chooseFiles(page, [upload('olist_sellers_dataset.csv', sample('olist_sellers_dataset.csv'))]);
    await expect(reportRow(page, 'olist_sellers_dataset.csv')).toContainText('already ingested');
    await page.reload();
    await page.evaluate(() => window.lakehouse.ready);
    await chooseFiles(page, [
      upload('olist_order_payments_dataset.csv', sample('olist_order_payments_dataset.csv')),
    ]);
    await expect(reportRow(page, 'olist_order_payments_dataset.csv')).toContainText('already ingested');
    expect(await tableVersions(page)).toEqual(versions);
    const [{ n }] = await page.evaluate(() =>
      window.lakehouse.sql('select count(*)::int as n from bronze.olist_order_payments'),
    );
    expect(n).toBe(103_886);
    const history = await page.evaluate(() =>
      window.lakehouse.engine.lake.history('bronze.olist_order_payments'),
    );
    expect(history).toHaveLength(1);
    expect(JSON.parse(String(history[0].operationParameters.ingestedFiles))).toEqual([
      expect.objectContaining({ path: 'landing/olist/olist_order_payments_dataset.csv', rows: 103_886 }),
    ]);
  });

  test('the Kaggle zip (CSVs in a folder) and .csv.gz files are unpacked and ingested', async ({
    page,
    openApp,
  }) => {
    await openApp();
    const zip = zipSync({
      'brazilian-ecommerce/olist_orders_dataset.csv': new Uint8Array(sample('olist_orders_dataset.csv')),
      'brazilian-ecommerce/olist_customers_dataset.csv': new Uint8Array(
        sample('olist_customers_dataset.csv'),
      ),
    });
    const gz = gzipSync(new Uint8Array(sample('olist_order_reviews_dataset.csv')));
    await chooseFiles(page, [
      { name: 'brazilian-ecommerce.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) },
      { name: 'olist_order_reviews_dataset.csv.gz', mimeType: 'application/gzip', buffer: Buffer.from(gz) },
    ]);
    await expect(page.getByRole('status')).toHaveText(
      `Ingested 3 of 3 files into Bronze (10,394 rows). ${NEXT}`,
    );
    await expect(
      reportRow(page, 'brazilian-ecommerce.zip › brazilian-ecommerce/olist_orders_dataset.csv'),
    ).toContainText('bronze.olist_orders');
    await expect(reportRow(page, 'olist_order_reviews_dataset.csv.gz')).toContainText('6,123');
    expect(await landingFiles(page)).toEqual([
      'landing/_checkpoints/bronze.olist_customers.json',
      'landing/_checkpoints/bronze.olist_order_reviews.json',
      'landing/_checkpoints/bronze.olist_orders.json',
      'landing/olist/olist_customers_dataset.csv',
      'landing/olist/olist_order_reviews_dataset.csv',
      'landing/olist/olist_orders_dataset.csv',
    ]);
  });

  test('files dropped on the drop zone are ingested like chosen ones', async ({ page, openApp }) => {
    await openApp();
    await page.goto('/#/sources');
    const text = sample('olist_sellers_dataset.csv').toString('utf8');
    const dataTransfer = await page.evaluateHandle((csv) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([csv], 'olist_sellers_dataset.csv', { type: 'text/csv' }));
      return transfer;
    }, text);
    await page
      .getByRole('group', { name: 'Drop zone for the Olist files' })
      .dispatchEvent('drop', { dataTransfer });
    await expect(page.getByRole('status')).toHaveText(
      `Ingested 1 of 1 files into Bronze (3,095 rows). ${NEXT}`,
    );
    await expect(reportRow(page, 'olist_sellers_dataset.csv')).toContainText('bronze.olist_sellers');
  });

  test('a file that landed but never reached Bronze (a closed tab) is picked up once by "Ingest new landing files"', async ({
    page,
    openApp,
  }) => {
    await openApp();
    await page.evaluate(async (csv) => {
      // What a tab closed between landing and committing leaves behind.
      const root = await navigator.storage.getDirectory();
      const lakehouse = await root.getDirectoryHandle('lakehouse', { create: true });
      const olist = await (
        await lakehouse.getDirectoryHandle('landing', { create: true })
      ).getDirectoryHandle('olist', {
        create: true,
      });
      const writable = await (
        await olist.getFileHandle('olist_sellers_dataset.csv', { create: true })
      ).createWritable();
      await writable.write(csv);
      await writable.close();
    }, sample('olist_sellers_dataset.csv').toString('utf8'));
    await page.goto('/#/sources');
    await page.getByRole('button', { name: 'Ingest new landing files' }).click();
    await expect(page.getByRole('status')).toHaveText(
      `Ingested 1 of 1 files into Bronze (3,095 rows). ${NEXT}`,
    );
    await page.reload();
    await page.evaluate(() => window.lakehouse.ready);
    await page.getByRole('button', { name: 'Ingest new landing files' }).click();
    await expect(page.getByRole('status')).toHaveText('Nothing new in the landing zone');
    expect(await tableVersions(page)).toEqual({ 'bronze.olist_sellers': 0 });
  });

  test('lakehouse.ingest(files) does what the upload does and resolves with the report', async ({
    page,
    openApp,
  }) => {
    await openApp();
    const csv = sample('product_category_name_translation.csv').toString('latin1');
    const report = await page.evaluate(async (text) => {
      const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
      return window.lakehouse.ingest([new File([bytes], 'product_category_name_translation.csv')]);
    }, csv);
    expect(report).toEqual([
      expect.objectContaining({
        file: 'product_category_name_translation.csv',
        table: 'bronze.olist_category_translation',
        rows: 71,
        status: 'ingested',
        landingPath: 'landing/olist/product_category_name_translation.csv',
      }),
    ]);
    await expect(page.getByRole('status')).toHaveText(`Ingested 1 of 1 files into Bronze (71 rows). ${NEXT}`);
  });
});

test.describe('bad input: the message names file, line and problem; nothing changes', () => {
  const orders = () => sample('olist_orders_dataset.csv').toString('utf8');
  const cases: Array<{
    what: string;
    file: string;
    bytes: () => Uint8Array | string;
    message: string;
    header?: string;
  }> = [
    {
      what: 'an empty file',
      file: 'olist_orders_dataset.csv',
      bytes: () => new Uint8Array(0),
      message: 'olist_orders_dataset.csv: the file is empty (0 bytes). Nothing was ingested.',
    },
    {
      what: 'a binary file with a .csv name',
      file: 'photo.csv',
      bytes: () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      message:
        'photo.csv: not a CSV file: it is a PNG image, not text (byte 0x89 at offset 0). Nothing was ingested.',
    },
    {
      what: 'a file cut off in the middle of a line',
      file: 'olist_orders_dataset.csv',
      bytes: () => {
        const lines = orders().split('\n');
        return `${lines.slice(0, 500).join('\n')}\n${lines[500].slice(0, 60)}`;
      },
      message:
        'olist_orders_dataset.csv: the file is cut off in line 501: its last row has 2 of 8 fields and no line break, so the file looks truncated (an interrupted download or copy). Nothing was ingested.',
    },
    {
      what: 'an unterminated quote',
      file: 'olist_order_reviews_dataset.csv',
      bytes: () =>
        sample('olist_order_reviews_dataset.csv').toString('utf8').split('\r\n').slice(0, 14).join('\r\n') +
        '\r\n',
      message:
        'olist_order_reviews_dataset.csv: unterminated quote: the quoted value of "review_comment_message" that starts in line 14 is never closed (is the file cut off?). Nothing was ingested.',
    },
    {
      what: 'a missing required column',
      file: 'olist_orders_dataset.csv',
      bytes: () =>
        orders()
          .split('\n')
          .map((line) =>
            line
              .split(',')
              .filter((_, i) => i !== 2)
              .join(','),
          )
          .join('\n'),
      message:
        'olist_orders_dataset.csv: looks like olist_orders_dataset.csv (bronze.olist_orders) but line 1, the header, lacks the required column "order_status". Nothing was ingested.',
    },
    {
      what: 'an unrelated CSV',
      file: 'budget.csv',
      bytes: () => 'month,category,amount\n2024-01,rent,1200\n',
      message:
        'budget.csv: not recognised as an Olist file: its header (month, category, amount) matches none of the nine Olist files. Nothing was ingested.',
      header: 'Header: month, category, amount',
    },
  ];

  for (const c of cases) {
    test(c.what, async ({ page, openApp }) => {
      await openApp();
      await chooseFiles(page, [upload('olist_sellers_dataset.csv', sample('olist_sellers_dataset.csv'))]);
      const before = { versions: await tableVersions(page), landing: await landingFiles(page) };
      await chooseFiles(page, [upload(c.file, c.bytes())]);
      const row = reportRow(page, c.file);
      await expect(row).toContainText(c.message);
      if (c.header) await expect(row).toContainText(c.header);
      await expect(page.getByRole('status')).toContainText(
        `Ingested 0 of 1 files into Bronze (0 rows); 1 ${c.header ? 'not recognised' : 'failed'} — ${c.message}`,
      );
      expect(await tableVersions(page)).toEqual(before.versions);
      expect(await landingFiles(page)).toEqual(before.landing);
    });
  }

  test('a Latin-1 spreadsheet export with ";" is recognised, read right and said so', async ({
    page,
    openApp,
  }) => {
    await openApp();
    const latin1 = Buffer.from(
      'seller_id;seller_zip_code_prefix;seller_city;seller_state\r\nabc;01037;são paulo;SP\r\ndef;13844;mogi guaçu;SP\r\n',
      'latin1',
    );
    await chooseFiles(page, [upload('vendedores.csv', latin1)]);
    await expect(reportRow(page, 'vendedores.csv')).toContainText(
      'Read as a spreadsheet export (Latin-1 (Windows-1252) text, ";" between fields); values are kept as written.',
    );
    const rows = await page.evaluate(() =>
      window.lakehouse.sql('select seller_city from bronze.olist_sellers order by 1 desc'),
    );
    expect(rows).toEqual([{ seller_city: 'são paulo' }, { seller_city: 'mogi guaçu' }]);
  });

  test('cells with HTML or spreadsheet formulas are stored as text and never rendered as HTML', async ({
    page,
    openApp,
  }) => {
    await openApp();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const header =
      'product_id,product_category_name,product_name_lenght,product_description_lenght,product_photos_qty,product_weight_g,product_length_cm,product_height_cm,product_width_cm';
    const csv = `${header}\np1,<img src=x onerror=alert(1)>,1,2,3,4,5,6,7\np2,"=HYPERLINK(""http://evil.example"",""x"")",+1,-2,@SUM(A1),4,5,6,7\n`;
    await chooseFiles(page, [upload('<b>products</b>.csv', csv)]);
    await expect(reportRow(page, '<b>products</b>.csv')).toContainText('bronze.olist_products');
    await page.goto('/#/sql');
    await page
      .getByLabel('SQL', { exact: true })
      .fill('select * from bronze.olist_products order by product_id');
    await page.getByRole('button', { name: 'Run query' }).click();
    const grid = page.getByRole('grid', { name: 'Query result' });
    await expect(grid.getByRole('gridcell', { name: '<img src=x onerror=alert(1)>' })).toBeVisible();
    await expect(grid.getByRole('gridcell', { name: '=HYPERLINK("http://evil.example","x")' })).toBeVisible();
    await expect(grid.getByRole('gridcell', { name: '@SUM(A1)' })).toBeVisible();
    expect(await page.locator('main img, main b').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
