import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SourceJob } from '../../../src/sources/ingest/source-job';
import { LANDING, OLIST_FILES } from '../../../src/sources/olist-files';
import { freshSources, job, reopened, SAMPLE_DIR, sampleFile } from './helpers/fixture';

const README_ROWS: Record<string, number> = {
  'olist_order_payments_dataset.csv': 103_886,
  'olist_products_dataset.csv': 32_951,
  'olist_sellers_dataset.csv': 3_095,
  'product_category_name_translation.csv': 71,
  'olist_orders_dataset.csv': 4_071,
  'olist_order_items_dataset.csv': 5_154,
  'olist_order_reviews_dataset.csv': 6_123,
  'olist_customers_dataset.csv': 200,
  'olist_geolocation_dataset.csv': 88,
};

describe('ingesting the real Olist files into Bronze', () => {
  it('turns each of the nine sample files, in any order, into its Bronze table with every row as text plus the three ingestion columns', async () => {
    const { sources, lake, engine } = await freshSources();
    const files = [...OLIST_FILES].reverse().map((spec) => sampleFile(spec.fileName));
    const reports = await sources.ingestFiles(files, job());
    expect(reports.map((r) => r.status)).toEqual(Array(9).fill('ingested'));
    for (const spec of OLIST_FILES) {
      const report = reports.find((r) => r.file === spec.fileName)!;
      expect(report).toMatchObject({ table: spec.table, rows: README_ROWS[spec.fileName], version: 0 });
      // Clean files are read by DuckDB's read_csv, never by our parser (the fallback for bad ones).
      expect(report.timings?.stagedWith).toBe('read_csv');
      expect(report.landingPath).toBe(`${LANDING.olist}/${spec.fileName}`);
      await lake.ensureLoaded(spec.table);
      const columns = await engine.query<{ column_name: string; column_type: string }>(
        `select column_name, column_type from (describe ${spec.table})`,
      );
      expect(columns.map((c) => c.column_name)).toEqual([
        ...spec.columns,
        '_source_file',
        '_ingested_at',
        '_rescued_data',
      ]);
      expect(columns.map((c) => c.column_type)).toEqual([
        ...spec.columns.map(() => 'VARCHAR'),
        'VARCHAR',
        'TIMESTAMP',
        'VARCHAR',
      ]);
      const [stats] = await engine.query(
        `select count(*)::int as n, count(distinct _source_file)::int as files, any_value(_source_file) as source,
                count(_rescued_data)::int as rescued from ${spec.table}`,
      );
      expect(stats).toEqual({
        n: README_ROWS[spec.fileName],
        files: 1,
        source: report.landingPath,
        rescued: 0,
      });
    }
  });

  it('parses and stages the same content once when one upload holds it twice, and lands it once', async () => {
    const { sources, lake, storage } = await freshSources();
    const bytes = readFileSync(join(SAMPLE_DIR, 'olist_sellers_dataset.csv'));
    const steps: string[] = [];
    const reports = await sources.ingestFiles(
      [sampleFile('olist_sellers_dataset.csv'), sampleFile('sellers copy.csv', bytes)],
      new SourceJob('test', (progress) => steps.push(progress.step)),
    );
    expect(reports.map((r) => r.status)).toEqual(['ingested', 'already ingested']);
    expect(reports[1].message).toBe(
      'sellers copy.csv: already ingested — the same content is landing/olist/olist_sellers_dataset.csv, in bronze.olist_sellers version 0. Nothing new was written.',
    );
    expect(steps.filter((step) => step.startsWith('Committing'))).toEqual([
      'Committing 3,095 rows to bronze.olist_sellers',
    ]);
    expect(await lake.latestVersion('bronze.olist_sellers')).toBe(0);
    const landed = (await storage.list(LANDING.olist)).map((f) => f.path);
    expect(landed).toEqual([`${LANDING.olist}/olist_sellers_dataset.csv`]);
  });

  it('says "already ingested" for the same file again — no new rows, no new version — also after a reload and without the checkpoint file', async () => {
    const { sources, lake, storage, engine } = await freshSources();
    const first = await sources.ingestFiles([sampleFile('olist_sellers_dataset.csv')], job());
    expect(first[0].status).toBe('ingested');
    const again = await sources.ingestFiles([sampleFile('olist_sellers_dataset.csv')], job());
    expect(again[0]).toMatchObject({ status: 'already ingested', rows: 0, version: 0 });
    expect(again[0].message).toBe(
      'olist_sellers_dataset.csv: already ingested — the same content is landing/olist/olist_sellers_dataset.csv, in bronze.olist_sellers version 0. Nothing new was written.',
    );
    const renamed = await sources.ingestFiles(
      [sampleFile('sellers copy.csv', readFileSync(join(SAMPLE_DIR, 'olist_sellers_dataset.csv')))],
      job(),
    );
    expect(renamed[0].status).toBe('already ingested');

    const tab2 = await reopened(storage);
    await storage.delete(`${LANDING.checkpoints}/bronze.olist_sellers.json`);
    const afterReload = await tab2.sources.ingestFiles([sampleFile('olist_sellers_dataset.csv')], job());
    expect(afterReload[0].status).toBe('already ingested');
    expect(await tab2.lake.latestVersion('bronze.olist_sellers')).toBe(0);
    await tab2.lake.ensureLoaded('bronze.olist_sellers');
    expect(await engine.query('select count(*)::int as n from bronze.olist_sellers')).toEqual([{ n: 3095 }]);
    void lake;
  });

  it('never trusts a checkpoint that claims more than the table holds (table dropped, tab killed before the commit)', async () => {
    const { sources, lake, storage } = await freshSources();
    await sources.ingestFiles([sampleFile('olist_sellers_dataset.csv')], job());
    await lake.dropAll();
    expect(await storage.stat(`${LANDING.checkpoints}/bronze.olist_sellers.json`)).not.toBeNull();
    const tab2 = await reopened(storage);
    const [report] = await tab2.sources.ingestFiles([sampleFile('olist_sellers_dataset.csv')], job());
    expect(report).toMatchObject({ status: 'ingested', rows: 3095, version: 0 });
  });

  it('appends a new file as a new version and keeps both landing files when a name is reused for other content', async () => {
    const { sources, lake, engine } = await freshSources();
    const full = readFileSync(join(SAMPLE_DIR, 'olist_customers_dataset.csv'));
    const lines = full.toString('utf8').split('\n');
    const firstHalf = new TextEncoder().encode(lines.slice(0, 101).join('\n') + '\n');
    const reports = [
      ...(await sources.ingestFiles([sampleFile('olist_customers_dataset.csv', firstHalf)], job())),
      ...(await sources.ingestFiles([sampleFile('olist_customers_dataset.csv', full)], job())),
    ];
    expect(reports.map((r) => [r.status, r.rows, r.version])).toEqual([
      ['ingested', 100, 0],
      ['ingested', 200, 1],
    ]);
    expect(reports[0].landingPath).toBe('landing/olist/olist_customers_dataset.csv');
    expect(reports[1].landingPath).toMatch(/^landing\/olist\/olist_customers_dataset\.[0-9a-f]{8}\.csv$/);
    await lake.ensureLoaded('bronze.olist_customers');
    const counts = await engine.query(
      'select _source_file as f, count(*)::int as n from bronze.olist_customers group by 1 order by 2',
    );
    expect(counts).toEqual([
      { f: reports[0].landingPath, n: 100 },
      { f: reports[1].landingPath, n: 200 },
    ]);
  });

  it('reads the Kaggle zip with the CSVs at any folder depth, and .csv.gz files, streaming', async () => {
    const { sources } = await freshSources();
    const read = (name: string) => new Uint8Array(readFileSync(join(SAMPLE_DIR, name)));
    const zip = zipSync({
      'brazilian-ecommerce/data/olist_orders_dataset.csv': read('olist_orders_dataset.csv'),
      'brazilian-ecommerce/olist_sellers_dataset.csv': read('olist_sellers_dataset.csv'),
      'product_category_name_translation.csv': read('product_category_name_translation.csv'),
      '__MACOSX/brazilian-ecommerce/._olist_sellers_dataset.csv': new Uint8Array([0, 5, 22, 7]),
      'brazilian-ecommerce/empty-folder/': new Uint8Array(0),
    });
    const gz = gzipSync(read('olist_order_payments_dataset.csv'));
    const reports = await sources.ingestFiles(
      [sampleFile('archive.zip', zip), sampleFile('olist_order_payments_dataset.csv.gz', gz)],
      job(),
    );
    expect(reports.map((r) => [r.file, r.status, r.table, r.rows, r.landingPath])).toEqual([
      [
        'archive.zip › brazilian-ecommerce/data/olist_orders_dataset.csv',
        'ingested',
        'bronze.olist_orders',
        4071,
        'landing/olist/olist_orders_dataset.csv',
      ],
      [
        'archive.zip › brazilian-ecommerce/olist_sellers_dataset.csv',
        'ingested',
        'bronze.olist_sellers',
        3095,
        'landing/olist/olist_sellers_dataset.csv',
      ],
      [
        'archive.zip › product_category_name_translation.csv',
        'ingested',
        'bronze.olist_category_translation',
        71,
        'landing/olist/product_category_name_translation.csv',
      ],
      [
        'olist_order_payments_dataset.csv.gz',
        'ingested',
        'bronze.olist_order_payments',
        103_886,
        'landing/olist/olist_order_payments_dataset.csv',
      ],
    ]);
  });

  it('ingests what landed (generator output) once, with availableNow semantics', async () => {
    const { sources, storage } = await freshSources();
    await storage.write(
      `${LANDING.olist}/olist_sellers_dataset.csv`,
      readFileSync(join(SAMPLE_DIR, 'olist_sellers_dataset.csv')),
    );
    await storage.write(
      `${LANDING.olist}/product_category_name_translation.csv`,
      readFileSync(join(SAMPLE_DIR, 'product_category_name_translation.csv')),
    );
    const first = await sources.ingestLanding(job());
    expect(first.map((r) => [r.file, r.status, r.rows])).toEqual([
      ['landing/olist/olist_sellers_dataset.csv', 'ingested', 3095],
      ['landing/olist/product_category_name_translation.csv', 'ingested', 71],
    ]);
    expect(await sources.ingestLanding(job())).toEqual([]);
  });

  it('ingests only the landed files it is told to, in that order, and the rest at the next ingestion', async () => {
    const { sources, storage } = await freshSources();
    for (const name of ['olist_sellers_dataset.csv', 'product_category_name_translation.csv']) {
      await storage.write(`${LANDING.olist}/${name}`, readFileSync(join(SAMPLE_DIR, name)));
    }
    const translation = `${LANDING.olist}/product_category_name_translation.csv`;
    const first = await sources.ingestLanding(job(), [translation, `${LANDING.olist}/not-landed.csv`]);
    expect(first.map((r) => [r.file, r.status, r.rows])).toEqual([[translation, 'ingested', 71]]);
    expect(await sources.ingestLanding(job(), [translation])).toEqual([]);
    const rest = await sources.ingestLanding(job());
    expect(rest.map((r) => [r.file, r.status, r.rows])).toEqual([
      ['landing/olist/olist_sellers_dataset.csv', 'ingested', 3095],
    ]);
  });
});
