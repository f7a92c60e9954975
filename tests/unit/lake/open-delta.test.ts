import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDeltaTable } from '../../../src/lake/external/open-delta';
import type { InputEntry } from '../../../src/lake/external/input-entries';
import { tableNameOf, uniqueName } from '../../../src/lake/external/external-names';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { EXPECTED, expectEveryVersion } from './golden-expected';
import { GOLDEN_DIR, failure, lakeFixture, type LakeFixture } from './helpers';

/** Every file of a golden table folder as a folder input gives it: `<folder>/<path inside>`. */
function folderEntries(folder: string): InputEntry[] {
  const root = join(GOLDEN_DIR, folder);
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) =>
      statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)],
    );
  return walk(root).map((file) => bytesEntry(`${folder}/${relative(root, file)}`, readFileSync(file)));
}

function bytesEntry(path: string, bytes: Uint8Array): InputEntry {
  return {
    path,
    size: bytes.byteLength,
    stream: async () => new Blob([bytes as Uint8Array<ArrayBuffer>]).stream(),
  };
}

let fx: LakeFixture;
let storage: MemoryStorage;

beforeAll(async () => {
  storage = new MemoryStorage();
  fx = await lakeFixture({ storage });
});

describe('opening a Delta table folder as external.<name>', () => {
  for (const folder of Object.keys(EXPECTED)) {
    it(`${folder}: opened from its folder, every version reads as EXPECTED.json says`, async () => {
      const name = tableNameOf(folder);
      const opened = await openDeltaTable(storage, fx.parquet, folderEntries(folder), {
        source: folder,
        name,
      });
      expect(opened.table).toBe(`external.${name}`);
      expect(opened.version).toBe(EXPECTED[folder].latestVersion);
      await expectEveryVersion(fx, opened.table, EXPECTED[folder]);
    });
  }

  it('leaves nothing in a staging folder once the tables are open', async () => {
    expect((await storage.list('.opening')).length).toBe(0);
  });

  it('refuses writes to an external table with a message naming it, and changes nothing', async () => {
    const table = 'external.table_without_dv_small';
    const before = await storage.list('tables/external/table_without_dv_small');
    expect(await failure(fx.lake.write(table, { sql: 'SELECT 1::BIGINT AS value', mode: 'append' }))).toEqual(
      {
        name: 'ReadOnlyTable',
        message:
          'external.table_without_dv_small is an external table, opened read-only: WRITE is refused and nothing was ' +
          'changed. To change it, use "Import into the lakehouse" on the Sources screen (it becomes a lake table ' +
          'with its history), or copy it: CREATE TABLE silver.my_copy AS SELECT * FROM external.table_without_dv_small.',
      },
    );
    for (const op of [
      fx.lake.deleteWhere(table, 'value = 1'),
      fx.lake.update(table, 'value = 2'),
      fx.lake.optimize(table),
      fx.lake.vacuum(table, { retainHours: 0, force: true }),
      fx.lake.restore(table, { version: 0 }),
      fx.lake.write('external.brand_new', { sql: 'SELECT 1 AS x', mode: 'overwrite' }),
    ])
      expect((await failure(op)).name).toBe('ReadOnlyTable');
    expect(await storage.list('tables/external/table_without_dv_small')).toEqual(before);
  });
});

describe('what is refused when opening a Delta table, leaving storage as it was', () => {
  const withProtocol = (protocol: object): InputEntry[] =>
    folderEntries('table-without-dv-small').map((e) => {
      if (!e.path.endsWith('00000000000000000000.json')) return e;
      const lines = readFileSync(
        join(GOLDEN_DIR, 'table-without-dv-small/_delta_log/00000000000000000000.json'),
        'utf8',
      )
        .split('\n')
        .map((l) => (l.startsWith('{"protocol"') ? JSON.stringify({ protocol }) : l));
      return bytesEntry(e.path, new TextEncoder().encode(lines.join('\n')));
    });

  async function refusal(
    entries: InputEntry[],
    source = 'my_table',
  ): Promise<{ name: string; message: string }> {
    const before = (await storage.list('')).map((f) => f.path);
    const result = await failure(openDeltaTable(storage, fx.parquet, entries, { source, name: 'refused' }));
    expect((await storage.list('')).map((f) => f.path)).toEqual(before);
    expect(await fx.lake.exists('external.refused')).toBe(false);
    return result;
  }

  it('a reader feature this reader does not implement, naming the feature and the table', async () => {
    const result = await refusal(
      withProtocol({
        minReaderVersion: 3,
        minWriterVersion: 7,
        readerFeatures: ['variantType'],
        writerFeatures: ['variantType'],
      }),
    );
    expect(result).toEqual({
      name: 'UnsupportedReaderFeature',
      message:
        'my_table: external.refused needs the Delta reader feature "variantType", which this app does not implement, ' +
        'so it cannot read the table correctly. It reads tables with columnMapping, deletionVectors, timestampNtz, ' +
        'v2Checkpoint, vacuumProtocolCheck, typeWidening, typeWidening-preview. Nothing was opened.',
    });
  });

  it('a reader version above 3', async () => {
    expect(await refusal(withProtocol({ minReaderVersion: 4, minWriterVersion: 7 }))).toEqual({
      name: 'UnsupportedProtocol',
      message:
        'my_table: external.refused needs a Delta reader of version 4; this app reads reader versions 1 to 3, so it ' +
        'cannot open this table. Nothing was opened.',
    });
  });

  it('a folder without a _delta_log', async () => {
    const entries = folderEntries('table-without-dv-small').filter((e) => !e.path.includes('_delta_log'));
    expect(await refusal(entries, 'parquet_only')).toEqual({
      name: 'NotADeltaTable',
      message:
        'parquet_only: it holds no Delta table: there is no _delta_log folder in it (a Delta table is a folder of ' +
        'Parquet files with a _delta_log folder beside them). Nothing was opened.',
    });
  });

  it('a folder of two tables', async () => {
    const result = await refusal([...folderEntries('delta-0.8.0'), ...folderEntries('simple_table')], 'two');
    expect(result).toEqual({
      name: 'SeveralDeltaTables',
      message:
        'two: it holds 2 Delta tables (delta-0.8.0/, simple_table/); open one at a time. Nothing was opened.',
    });
  });

  it('a table whose latest version needs a data file the folder lacks', async () => {
    const entries = folderEntries('table-without-dv-small').filter((e) => !e.path.endsWith('.parquet'));
    expect(await refusal(entries)).toEqual({
      name: 'DataFileMissing',
      message:
        'my_table: version 0 of external.refused reads the data file ' +
        'part-00000-517f5d32-9c95-48e8-82b4-0229cc194867-c000.snappy.parquet, which is not in it (copy the whole ' +
        'table folder). Nothing was opened.',
    });
  });

  it('a file whose bytes are fewer than announced (a damaged copy)', async () => {
    const entries = folderEntries('table-without-dv-small').map((e) =>
      e.path.endsWith('.parquet') ? { ...e, size: e.size + 10 } : e,
    );
    const result = await refusal(entries);
    expect(result.name).toBe('DamagedInput');
    expect(result.message).toBe(
      'my_table: it is damaged: table-without-dv-small/part-00000-517f5d32-9c95-48e8-82b4-0229cc194867-c000.snappy.parquet ' +
        'holds 548 bytes, not the 558 announced. Nothing was opened.',
    );
  });
});

describe('external table names', () => {
  it('come from the folder name, in the characters a table name may have', () => {
    expect(tableNameOf('COVID-19_NYT')).toBe('covid_19_nyt');
    expect(tableNameOf('delta-0.8.0')).toBe('delta_0_8_0');
    expect(tableNameOf('2024 sales (final).parquet'.replace(/\.parquet$/, ''))).toBe('t_2024_sales_final');
    expect(tableNameOf('Pedidos ação')).toBe('pedidos_acao');
    expect(tableNameOf('---')).toBe('table');
  });

  it('are made unique', () => {
    expect(uniqueName('orders', new Set(['orders', 'orders_2']))).toBe('orders_3');
    expect(uniqueName('orders', new Set())).toBe('orders');
  });
});
