import { beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED, expectEveryVersion } from './golden-expected';
import { GOLDEN_TABLES, failure, goldenStorage, lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;

beforeAll(async () => {
  fx = await lakeFixture({ storage: goldenStorage() });
});

describe('the golden Delta tables written by Spark, Databricks and delta-rs', () => {
  it('covers every table of EXPECTED.json', () => {
    expect(Object.values(GOLDEN_TABLES).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [table, folder] of Object.entries(GOLDEN_TABLES)) {
    const want = EXPECTED[folder];
    it(`${folder}: every version has the expected protocol, live files, rows and values`, async () => {
      await expectEveryVersion(fx, table, want);
    });
  }

  it('loads the latest version as layer.name, with partition columns typed from the schema', async () => {
    expect(await fx.lake.ensureLoaded('golden.delta_0_8_0_null_partition')).toBe(0);
    const rows = await fx.engine.query('SELECT k, v FROM golden.delta_0_8_0_null_partition ORDER BY v');
    expect(rows).toEqual([
      { k: 'A', v: 1 },
      { k: null, v: 2 },
    ]);
    await fx.lake.ensureLoaded('golden.delta_0_8_0_partitioned');
    const types = await fx.engine.query('DESCRIBE golden.delta_0_8_0_partitioned');
    expect(types.map((t) => `${t.column_name} ${t.column_type}`)).toEqual([
      'value VARCHAR',
      'year VARCHAR',
      'month VARCHAR',
      'day VARCHAR',
    ]);
  });

  it('opens a table with a Parquet checkpoint from _last_checkpoint and the commits after it', async () => {
    const files = await fx.lake.files('golden.simple_table_with_checkpoint');
    expect(files).toHaveLength(11);
    const history = await fx.lake.history('golden.simple_table_with_checkpoint');
    expect(history.map((h) => h.version)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(history[0]).toMatchObject({ operation: 'WRITE', operationParameters: { mode: 'Append' } });
  });

  it('keeps the latest loaded copy in step with the log, deletion vectors included', async () => {
    expect(await fx.lake.ensureLoaded('golden.table_with_dv_small')).toBe(1);
    const rows = await fx.engine.query<{ value: number }>(
      'SELECT value FROM golden.table_with_dv_small ORDER BY 1',
    );
    expect(rows.map((r) => r.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const [file] = await fx.lake.files('golden.table_with_dv_small');
    expect(file).toMatchObject({ numRecords: 8, deletedRows: 2 });
    const mapped = await fx.lake.files('golden.table_with_column_mapping');
    expect(
      mapped
        .map((f) => f.partitionValues)
        .sort((a, b) => String(a['Company Very Short']).localeCompare(String(b['Company Very Short']))),
    ).toEqual([{ 'Company Very Short': 'BME' }, { 'Company Very Short': 'BMS' }]);
    expect(mapped.find((f) => f.numRecords === 1)?.stats?.minValues).toEqual({
      'Super Name': 'Timothy Lamb',
    });
  });

  it('skips files by partition values and stats kept under physical column names', async () => {
    const byPartition = await fx.lake.scan(
      'golden.table_with_column_mapping',
      `"Company Very Short" = 'BME'`,
      'mapped_bme',
    );
    expect(byPartition).toEqual({ filesRead: 1, filesTotal: 2 });
    const byStats = await fx.lake.scan(
      'golden.table_with_column_mapping',
      `"Super Name" = 'Timothy Lamb'`,
      'mapped_tim',
    );
    expect(byStats).toEqual({ filesRead: 1, filesTotal: 2 });
    const [{ n }] = await fx.engine.query<{ n: number }>('SELECT count(*)::INT AS n FROM mapped_tim');
    expect(n).toBe(1);
  });

  it('skips COVID-19_NYT files by their stats for a selective predicate', async () => {
    const report = await fx.lake.scan('golden.covid_19_nyt', "date < '2020-03-01'", 'covid_early');
    expect(report).toEqual({ filesRead: 1, filesTotal: 8 });
    const [{ n }] = await fx.engine.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM covid_early`);
    expect(Number(n)).toBeGreaterThan(0);
  });
});

describe('tables the reader refuses, with what to do', () => {
  let own: LakeFixture;
  const write = (path: string, lines: object[]) =>
    own.storage.write(path, new TextEncoder().encode(lines.map((l) => JSON.stringify(l)).join('\n')));
  const metaData = (schema: object[]) => ({
    metaData: {
      id: 'x',
      format: { provider: 'parquet', options: {} },
      schemaString: JSON.stringify({ type: 'struct', fields: schema }),
      partitionColumns: [],
      configuration: {},
    },
  });
  const idField = { name: 'id', type: 'long', nullable: true, metadata: {} };

  beforeAll(async () => {
    own = await lakeFixture();
  });

  it('refuses a reader version above 3 and a reader feature it does not implement, naming them', async () => {
    await write('tables/other/reader4/_delta_log/00000000000000000000.json', [
      { protocol: { minReaderVersion: 4, minWriterVersion: 7, readerFeatures: [], writerFeatures: [] } },
      metaData([idField]),
    ]);
    expect(await failure(own.lake.ensureLoaded('other.reader4'))).toEqual({
      name: 'UnsupportedProtocol',
      message:
        'other.reader4 needs a Delta reader of version 4; this app reads reader versions 1 to 3, so it cannot open this table.',
    });
    await write('tables/other/variant_table/_delta_log/00000000000000000000.json', [
      {
        protocol: {
          minReaderVersion: 3,
          minWriterVersion: 7,
          readerFeatures: ['deletionVectors', 'variantType', 'catalogManaged'],
          writerFeatures: ['deletionVectors', 'variantType', 'catalogManaged'],
        },
      },
      metaData([idField]),
    ]);
    expect(await failure(own.lake.ensureLoaded('other.variant_table'))).toEqual({
      name: 'UnsupportedReaderFeature',
      message:
        'other.variant_table needs the Delta reader features "variantType", "catalogManaged", which this app does not ' +
        'implement, so it cannot read the table correctly. It reads tables with columnMapping, deletionVectors, ' +
        'timestampNtz, v2Checkpoint, vacuumProtocolCheck, typeWidening, typeWidening-preview.',
    });
    // Its history stays readable: the log itself is plain JSON.
    expect((await own.lake.history('other.variant_table')).map((h) => h.version)).toEqual([0]);
  });

  it('reads a table with writer features it does not write, and refuses to write to it', async () => {
    await write('tables/other/checked/_delta_log/00000000000000000000.json', [
      { protocol: { minReaderVersion: 1, minWriterVersion: 3 } },
      metaData([idField]),
    ]);
    expect(await own.lake.ensureLoaded('other.checked')).toBe(0);
    expect(await failure(own.lake.write('other.checked', { sql: 'select 1 as id', mode: 'append' }))).toEqual(
      {
        name: 'UnsupportedProtocol',
        message:
          'other.checked uses Delta writer features this app does not write (checkConstraints; writer version 3), ' +
          'so it only reads this table: a write here could leave it wrong for other engines. To change the data, ' +
          'copy it first: CREATE TABLE other.checked_copy AS SELECT * FROM other.checked.',
      },
    );
    await write('tables/other/append_only/_delta_log/00000000000000000000.json', [
      { protocol: { minReaderVersion: 1, minWriterVersion: 2 } },
      { metaData: { ...metaData([idField]).metaData, configuration: { 'delta.appendOnly': 'true' } } },
    ]);
    expect((await failure(own.lake.deleteWhere('other.append_only', 'id = 1'))).message).toContain(
      'uses Delta writer features this app does not write (appendOnly; writer version 2)',
    );
    expect(await own.lake.latestVersion('other.append_only')).toBe(0);
  });

  it('names a log without metaData, a type it cannot load, and a data file that is not Parquet', async () => {
    await write('tables/other/nometa/_delta_log/00000000000000000000.json', [
      { protocol: { minReaderVersion: 1, minWriterVersion: 2 } },
    ]);
    expect(await failure(own.lake.ensureLoaded('other.nometa'))).toEqual({
      name: 'CorruptLog',
      message: 'The Delta log in tables/other/nometa has no metaData action up to version 0',
    });
    await write('tables/other/variant/_delta_log/00000000000000000000.json', [
      { protocol: { minReaderVersion: 1, minWriterVersion: 2 } },
      metaData([{ name: 'v', type: 'variant', nullable: true, metadata: {} }]),
    ]);
    expect(await failure(own.lake.ensureLoaded('other.variant'))).toEqual({
      name: 'UnsupportedType',
      message: 'The Delta type "variant" is not supported by this reader',
    });
    await write('tables/other/broken/_delta_log/00000000000000000000.json', [
      { protocol: { minReaderVersion: 1, minWriterVersion: 2 } },
      metaData([idField]),
      {
        add: { path: 'part-0.parquet', partitionValues: {}, size: 4, modificationTime: 0, dataChange: true },
      },
    ]);
    await own.storage.write('tables/other/broken/part-0.parquet', new TextEncoder().encode('oops'));
    const corrupt = await failure(own.lake.ensureLoaded('other.broken'));
    expect(corrupt.name).toBe('CorruptDataFile');
    expect(corrupt.message).toMatch(
      /^The data file part-0\.parquet of other\.broken is not readable Parquet: .+/,
    );
    await own.storage.delete('tables/other/broken/part-0.parquet');
    expect(await failure(own.lake.ensureLoaded('other.broken'))).toEqual({
      name: 'DataFileMissing',
      message:
        'Version 0 of other.broken needs the data file part-0.parquet, which is gone: VACUUM removes the files of ' +
        'versions older than its retention window. Read a later version (DESCRIBE HISTORY other.broken lists them).',
    });
  });
});
