import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { freshSources, job, SAMPLE_DIR, sampleFile, snapshotOf } from './helpers/fixture';

const text = (s: string) => new TextEncoder().encode(s);
const sample = (name: string) => readFileSync(join(SAMPLE_DIR, name));

/** Ingest one file into a lake that already holds the sellers, and prove nothing else changed. */
async function ingestBad(file: File) {
  const { sources, lake, storage, engine } = await freshSources();
  await sources.ingestFiles([sampleFile('olist_sellers_dataset.csv')], job());
  const before = await snapshotOf(lake, storage);
  const reports = await sources.ingestFiles([file], job());
  expect(await snapshotOf(lake, storage)).toEqual(before);
  expect(reports).toHaveLength(1);
  return { report: reports[0], engine, lake };
}

describe('bad input: a clear message naming file, line and problem, and nothing changed', () => {
  it('an empty file', async () => {
    const { report } = await ingestBad(sampleFile('olist_orders_dataset.csv', new Uint8Array(0)));
    expect(report).toMatchObject({ status: 'failed', rows: 0, table: null });
    expect(report.message).toBe(
      'olist_orders_dataset.csv: the file is empty (0 bytes). Nothing was ingested.',
    );
  });

  it('a binary file with a .csv name', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const { report } = await ingestBad(sampleFile('photo.csv', png));
    expect(report.status).toBe('failed');
    expect(report.message).toBe(
      'photo.csv: not a CSV file: it is a PNG image, not text (byte 0x89 at offset 0). Nothing was ingested.',
    );
    const noise = text('order_id,customer_id\nab\u0000\u0001cd,ef\n');
    const { report: other } = await ingestBad(sampleFile('orders.csv', noise));
    expect(other.message).toBe(
      'orders.csv: not a CSV file: it holds binary data, not text (byte 0x00 at offset 23). Nothing was ingested.',
    );
  });

  it('a file cut off in the middle of a line', async () => {
    const lines = sample('olist_orders_dataset.csv').toString('utf8').split('\n');
    const cut =
      lines.slice(0, 11).join('\n') + '\n' + lines[11].split(',').slice(0, 4).join(',').slice(0, -3);
    const { report } = await ingestBad(sampleFile('olist_orders_dataset.csv', text(cut)));
    expect(report).toMatchObject({ status: 'failed', table: 'bronze.olist_orders', rows: 0 });
    expect(report.message).toBe(
      'olist_orders_dataset.csv: the file is cut off in line 12: its last row has 4 of 8 fields and no line break, ' +
        'so the file looks truncated (an interrupted download or copy). Nothing was ingested.',
    );
  });

  it('an unterminated quote', async () => {
    const reviews = sample('olist_order_reviews_dataset.csv').toString('utf8');
    const lines = reviews.split('\r\n');
    const cut = lines.slice(0, 14).join('\r\n') + '\r\n';
    const { report } = await ingestBad(sampleFile('olist_order_reviews_dataset.csv', text(cut)));
    expect(report).toMatchObject({ status: 'failed', table: 'bronze.olist_order_reviews' });
    expect(report.message).toBe(
      'olist_order_reviews_dataset.csv: unterminated quote: the quoted value of "review_comment_message" that starts ' +
        'in line 14 is never closed (is the file cut off?). Nothing was ingested.',
    );
  });

  it('a stray quote early in a large file: refused at the row limit, not after reading the rest as one value', async () => {
    const header = sample('olist_orders_dataset.csv').toString('utf8').split('\n')[0];
    const row = (i: number) => `o${i},c${i},delivered,2017-10-02 10:56:33,,,,2017-10-18 00:00:00`;
    // Line 3 opens a quote that is never closed; 40 MB of ordinary rows (no quotes) follow.
    const rest = Array.from({ length: 700_000 }, (_, i) => row(i + 3)).join('\n');
    const big = [header, row(1), `o2,"c2,delivered,2017-10-02 10:56:33,,,,2017-10-18 00:00:00`, rest].join(
      '\n',
    );
    expect(big.length).toBeGreaterThan(40e6);
    const { report } = await ingestBad(sampleFile('olist_orders_dataset.csv', text(big)));
    expect(report).toMatchObject({ status: 'failed', table: 'bronze.olist_orders' });
    expect(report.message).toBe(
      'olist_orders_dataset.csv: the row that starts in line 3 is longer than 32 MB: the quoted value of ' +
        '"customer_id" that starts there is never closed (a stray quote?). Nothing was ingested.',
    );
  });

  it('a missing required column', async () => {
    const rows = sample('olist_orders_dataset.csv')
      .toString('utf8')
      .split('\n')
      .map((line) =>
        line
          .split(',')
          .filter((_, i) => i !== 2)
          .join(','),
      );
    const { report } = await ingestBad(sampleFile('olist_orders_dataset.csv', text(rows.join('\n'))));
    expect(report).toMatchObject({ status: 'failed', table: 'bronze.olist_orders' });
    expect(report.message).toBe(
      'olist_orders_dataset.csv: looks like olist_orders_dataset.csv (bronze.olist_orders) but line 1, the header, ' +
        'lacks the required column "order_status". Nothing was ingested.',
    );
    expect(report.header).toHaveLength(7);
  });

  it('an unrelated CSV, with its header shown', async () => {
    const { report } = await ingestBad(
      sampleFile('contacts.csv', text('name,email,phone\nAna,ana@example.com,123\n')),
    );
    expect(report).toMatchObject({ status: 'unrecognised', table: null, header: ['name', 'email', 'phone'] });
    expect(report.message).toBe(
      'contacts.csv: not recognised as an Olist file: its header (name, email, phone) matches none of the nine Olist files. Nothing was ingested.',
    );
  });

  it('a header without rows, a duplicated column, a broken zip and a zip without CSVs', async () => {
    const cases: Array<[File, string]> = [
      [
        sampleFile(
          'olist_sellers_2.csv',
          text('seller_id,seller_zip_code_prefix,seller_city,seller_state\n'),
        ),
        'olist_sellers_2.csv: the file has a header but no data rows. Nothing was ingested.',
      ],
      [
        sampleFile(
          'sellers.csv',
          text('seller_id,seller_zip_code_prefix,seller_city,seller_state,seller_id\na,b,c,d,e\n'),
        ),
        'sellers.csv: line 1, the header, names the column "seller_id" twice. Nothing was ingested.',
      ],
      [
        sampleFile(
          'olist.zip',
          new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]),
        ),
        'olist.zip: the archive cannot be read (it has no end-of-archive record: the zip is incomplete or damaged). Nothing was ingested.',
      ],
      [
        sampleFile('docs.zip', zipSync({ 'readme.md': text('# hello') })),
        'docs.zip: the archive holds no CSV file. Nothing was ingested.',
      ],
    ];
    for (const [file, message] of cases) {
      const { report } = await ingestBad(file);
      expect(report.message).toBe(message);
    }
  });
});

describe('odd but readable input: read right, said so, nothing lost', () => {
  it('reads a Latin-1 spreadsheet export with ";" between fields, and says so', async () => {
    const latin1 = Uint8Array.from(
      'seller_id;seller_zip_code_prefix;seller_city;seller_state\r\n3442f8959a84dea7ee197c632cb2df15;13023;são paulo;SP\r\nd1b65fc7debc3361ea86b5f14c68d2e2;13844;mogi guaçu;SP\r\n',
      (ch) => ch.charCodeAt(0),
    );
    const { sources, lake, engine } = await freshSources();
    const [report] = await sources.ingestFiles([sampleFile('vendedores.csv', latin1)], job());
    expect(report).toMatchObject({ status: 'ingested', table: 'bronze.olist_sellers', rows: 2 });
    expect(report.message).toBe(
      'Read as a spreadsheet export (Latin-1 (Windows-1252) text, ";" between fields); values are kept as written.',
    );
    await lake.ensureLoaded('bronze.olist_sellers');
    expect(
      await engine.query(
        'select seller_city, seller_zip_code_prefix from bronze.olist_sellers order by 1 desc',
      ),
    ).toEqual([
      { seller_city: 'são paulo', seller_zip_code_prefix: '13023' },
      { seller_city: 'mogi guaçu', seller_zip_code_prefix: '13844' },
    ]);
  });

  it('stores cells holding HTML or spreadsheet formulas as the exact text', async () => {
    const csv = [
      'product_id,product_category_name,product_name_lenght,product_description_lenght,product_photos_qty,product_weight_g,product_length_cm,product_height_cm,product_width_cm',
      'p1,<img src=x onerror="alert(1)">,1,2,3,4,5,6,7',
      'p2,"=HYPERLINK(""http://evil.example"",""click"")",1,2,3,4,5,6,7',
      'p3,<script>alert(2)</script>,+SUM(A1:A9),-2+3,@cmd,4,5,6,7',
    ].join('\n');
    const { sources, lake, engine } = await freshSources();
    const [report] = await sources.ingestFiles([sampleFile('products.csv', text(csv + '\n'))], job());
    expect(report).toMatchObject({ status: 'ingested', rows: 3, rescuedRows: 0 });
    await lake.ensureLoaded('bronze.olist_products');
    expect(
      await engine.query(
        'select product_id, product_category_name as c, product_name_lenght as n, product_description_lenght as d, product_photos_qty as q from bronze.olist_products order by 1',
      ),
    ).toEqual([
      { product_id: 'p1', c: '<img src=x onerror="alert(1)">', n: '1', d: '2', q: '3' },
      { product_id: 'p2', c: '=HYPERLINK("http://evil.example","click")', n: '1', d: '2', q: '3' },
      { product_id: 'p3', c: '<script>alert(2)</script>', n: '+SUM(A1:A9)', d: '-2+3', q: '@cmd' },
    ]);
  });

  it('keeps extra fields, missing fields, unknown columns and text after a closing quote in _rescued_data', async () => {
    const csv = [
      'seller_id,seller_zip_code_prefix,seller_city,seller_state,notes',
      's1,"01037",sao paulo,SP,call first',
      's2,"01046",sao paulo,SP,,surplus,more',
      's3,"01047",sao paulo',
      's4,"01048"x,rio,RJ,',
      '',
    ].join('\r\n');
    const { sources, lake, engine } = await freshSources();
    const [report] = await sources.ingestFiles([sampleFile('sellers.csv', text(csv))], job());
    expect(report).toMatchObject({ status: 'ingested', rows: 4, rescuedRows: 4 });
    expect(report.message).toBe('4 rows with extra, missing or malformed fields kept them in _rescued_data.');
    await lake.ensureLoaded('bronze.olist_sellers');
    const rows = await engine.query(
      'select seller_id, seller_zip_code_prefix as zip, seller_state as st, _rescued_data as r from bronze.olist_sellers order by 1',
    );
    expect(rows.map((r) => ({ ...r, r: JSON.parse(r.r as string) }))).toEqual([
      { seller_id: 's1', zip: '01037', st: 'SP', r: { _line: 2, notes: 'call first' } },
      { seller_id: 's2', zip: '01046', st: 'SP', r: { _line: 3, _extra_fields: ['surplus', 'more'] } },
      {
        seller_id: 's3',
        zip: '01047',
        st: null,
        r: { _line: 4, _missing_fields: ['seller_state', 'notes'] },
      },
      { seller_id: 's4', zip: null, st: 'RJ', r: { _line: 5, seller_zip_code_prefix: '"01048"x' } },
    ]);
  });

  it('ingests the good files of a mixed upload and reports the bad one', async () => {
    const { sources } = await freshSources();
    const reports = await sources.ingestFiles(
      [
        sampleFile('olist_sellers_dataset.csv'),
        sampleFile('notes.csv', text('a,b\n1,2\n')),
        sampleFile('product_category_name_translation.csv'),
      ],
      job(),
    );
    expect(reports.map((r) => r.status)).toEqual(['ingested', 'unrecognised', 'ingested']);
  });
});
