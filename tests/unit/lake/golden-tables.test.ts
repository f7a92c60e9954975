import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent } from '../../../src/engine/sql-quote';
import { GOLDEN_DIR, GOLDEN_TABLES, failure, goldenStorage, lakeFixture, type LakeFixture } from './helpers';

interface ExpectedTable {
  columns: string[];
  partitionColumns: string[];
  latestVersion: number;
  versions: Record<string, { files: number; rows: number; data?: (string | null)[][] }>;
}

const expected = JSON.parse(readFileSync(join(GOLDEN_DIR, 'EXPECTED.json'), 'utf8')) as Record<
  string,
  ExpectedTable
>;

let fx: LakeFixture;

beforeAll(async () => {
  fx = await lakeFixture({ storage: goldenStorage() });
});

/** Rows as text, sorted, the way EXPECTED.json holds them. */
async function rowsAsText(table: string, columns: string[]): Promise<(string | null)[][]> {
  const select = columns.map((c, i) => `CAST(${quoteIdent(c)} AS VARCHAR) AS c${i}`).join(', ');
  const result = await fx.engine.query(`SELECT ${select} FROM ${table} ORDER BY ALL`);
  return result.map((row) => columns.map((_, i) => row[`c${i}`] as string | null));
}

describe('the golden Delta tables written by Spark and delta-rs', () => {
  for (const [table, folder] of Object.entries(GOLDEN_TABLES)) {
    const want = expected[folder];
    it(`${folder}: every version has the expected live files, rows and values`, async () => {
      expect(await fx.lake.latestVersion(table)).toBe(want.latestVersion);
      for (const [version, facts] of Object.entries(want.versions)) {
        const files = await fx.lake.files(table, { version: Number(version) });
        expect(files.length, `files of version ${version}`).toBe(facts.files);
        await fx.lake.loadVersion(table, { version: Number(version) }, 'golden_check');
        const [{ n }] = await fx.engine.query<{ n: number }>(
          'SELECT count(*)::BIGINT AS n FROM golden_check',
        );
        expect(Number(n), `rows of version ${version}`).toBe(facts.rows);
        const columns = (await fx.engine.query<{ column_name: string }>('DESCRIBE golden_check')).map(
          (c) => c.column_name,
        );
        expect(columns).toEqual(want.columns);
        if (facts.data)
          expect(await rowsAsText('golden_check', want.columns), `rows of version ${version}`).toEqual(
            facts.data,
          );
      }
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

  it('refuses a table that needs a newer reader, and writes to one that needs a newer writer', async () => {
    await write('tables/other/dv/_delta_log/00000000000000000000.json', [
      { protocol: { minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ['deletionVectors'] } },
      metaData([idField]),
    ]);
    expect(await failure(own.lake.ensureLoaded('other.dv'))).toEqual({
      name: 'UnsupportedProtocol',
      message:
        'other.dv needs a Delta reader of version 3; this app reads version 1 tables. ' +
        'Rewrite it without column mapping or deletion vectors to open it here.',
    });
    await write('tables/other/checked/_delta_log/00000000000000000000.json', [
      { protocol: { minReaderVersion: 1, minWriterVersion: 3 } },
      metaData([idField]),
    ]);
    expect(await own.lake.ensureLoaded('other.checked')).toBe(0);
    expect(await failure(own.lake.write('other.checked', { sql: 'select 1 as id', mode: 'append' }))).toEqual(
      {
        name: 'UnsupportedProtocol',
        message:
          'other.checked needs a Delta writer of version 3; this app writes version 2 tables, so it only reads this one.',
      },
    );
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
