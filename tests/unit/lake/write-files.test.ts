import { tableFromIPC } from 'apache-arrow';
import { beforeEach, describe, expect, it } from 'vitest';
import { splitByFile } from '../../../src/lake/write/arrow-split';
import { DEFAULT_MAX_ROWS_PER_FILE } from '../../../src/lake/write/data-writer';
import { lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;

beforeEach(async () => {
  fx = await lakeFixture();
});

// 5,000 rows (more than one DuckDB chunk) in 40 partitions: files of 125 rows, cut at offsets
// that are not multiples of 8 (booleans and validity bits), with nulls and nested values.
const MANY = `select
    i as id,
    'd' || lpad((i % 40)::varchar, 2, '0') as part,
    i % 3 = 0 as flag,
    (i * 1.25)::decimal(18,2) as amount,
    timestamp '2018-01-01 00:00:00' + to_seconds(i * 3601) as ts,
    date '2018-01-01' + (i % 400)::integer as day,
    case when i % 7 = 0 then null else 'name ' || i end as name,
    [i, i + 1, null] as pair,
    {'a': i, 'b': 'x' || i} as info,
    map(['k' || i], [i % 5]) as tags
  from range(1, 5001) t(i)`;

describe('writing data files', () => {
  it('writes many small files from one export, each holding exactly its rows and values', async () => {
    await fx.lake.write('silver.many', { sql: MANY, mode: 'append', partitionBy: ['part'] });
    const files = await fx.lake.files('silver.many');
    expect(files).toHaveLength(40);
    expect(files.every((f) => f.numRecords === 125)).toBe(true);
    // Read every file back from storage (not from the loaded copy) and compare with the query.
    await fx.lake.loadVersion('silver.many', { version: 0 }, 'main.reread');
    const differences = await fx.engine.query(
      `select count(*)::int as n from (
         (select * from main.reread except all (${MANY}))
         union all
         ((${MANY}) except all select * from main.reread))`,
    );
    expect(differences).toEqual([{ n: 0 }]);
    expect(await fx.engine.query('select count(*)::int as n from main.reread')).toEqual([{ n: 5000 }]);
  });

  it('cuts a large write into files of one DuckDB row group at most, read back as written', async () => {
    // No one encode then holds the whole write (the encode worker's memory does not shrink).
    expect(DEFAULT_MAX_ROWS_PER_FILE).toBe(122_880);
    const rows = 2 * DEFAULT_MAX_ROWS_PER_FILE + 7;
    const sql = `select i::bigint as id, 'name ' || i as name from range(${rows}) t(i)`;
    await fx.lake.write('silver.large', { sql, mode: 'overwrite' });
    const files = await fx.lake.files('silver.large');
    expect(files.map((f) => f.numRecords ?? -1).sort((a, b) => b - a)).toEqual([122_880, 122_880, 7]);
    await fx.lake.loadVersion('silver.large', { version: 0 }, 'main.reread');
    const [{ n, ids, total }] = await fx.engine.query<{ n: number; ids: number; total: number }>(
      `select count(*)::INTEGER as n, count(distinct id)::INTEGER as ids, sum(id)::DOUBLE as total
       from main.reread where name = 'name ' || id`,
    );
    expect({ n, ids, total }).toEqual({ n: rows, ids: rows, total: (rows * (rows - 1)) / 2 });
  });

  it("puts each row in its partition's file when one export holds several files", async () => {
    await fx.lake.write('silver.few', {
      sql: `select i as id, i % 2 as part from range(10) t(i)`,
      mode: 'append',
      partitionBy: ['part'],
    });
    await fx.lake.loadVersion('silver.few', { version: 0 }, 'main.few');
    expect(
      await fx.engine.query(
        'select part, list(id order by id) as ids from main.few group by part order by part',
      ),
    ).toEqual([
      { part: 0, ids: [0, 2, 4, 6, 8] },
      { part: 1, ids: [1, 3, 5, 7, 9] },
    ]);
  });
});

/** The values of a column in each data file of a table, in the order the file holds them. */
async function columnByFile(table: string, column: string): Promise<number[][]> {
  const [layer, name] = table.split('.');
  const files = await fx.lake.files(table);
  const out: number[][] = [];
  for (const file of files) {
    const bytes = await fx.storage.read(`tables/${layer}/${name}/${file.path}`);
    out.push([...tableFromIPC(fx.parquet.read(bytes)).getChild(column)!].map(Number));
  }
  return out;
}

describe('where a write says its time went', () => {
  const STEPS = [
    'trimMs',
    'loadMs',
    'planMs',
    'queryMs',
    'statsMs',
    'exportMs',
    'encodeMs',
    'copyMs',
    'storageMs',
    'commitMs',
    'cacheMs',
    'checkpointMs',
    'dropMs',
  ] as const;

  it('reports every step of a write, and the steps fit in the whole operation', async () => {
    await fx.lake.write('silver.source', { sql: MANY, mode: 'overwrite' });
    const commit = await fx.lake.write('silver.copy', {
      sql: 'select * from silver.source',
      mode: 'overwrite',
      partitionBy: ['part'],
    });
    const timings = commit.timings!;
    expect(Object.keys(timings).sort()).toEqual([...STEPS, 'totalMs'].sort());
    for (const step of STEPS) expect(timings[step]).toBeGreaterThanOrEqual(0);
    // Each step is time the operation itself spent (none counted twice), so they add up to at most its total.
    const sum = STEPS.reduce((total, step) => total + timings[step]!, 0);
    expect(sum).toBeLessThanOrEqual(timings.totalMs! + 1);
  });
});

describe('ordered writes into partitions', () => {
  const ascending = (values: number[]) => values.every((v, i) => i === 0 || values[i - 1] <= v);
  const SHUFFLED = `select i as id, (i * 7919) % 1000 as x, i % 2 as part from range(1000) t(i)`;

  it('keeps the Z-order within each file of each partition', async () => {
    await fx.lake.write('silver.z', { sql: SHUFFLED, mode: 'append', partitionBy: ['part'] });
    await fx.lake.optimize('silver.z', { zorderBy: ['x'] });
    const files = await columnByFile('silver.z', 'x');
    expect(files).toHaveLength(2);
    expect(files.map((f) => f.length)).toEqual([500, 500]);
    expect(files.every(ascending)).toBe(true);
  });

  it('cuts a partition value holding more rows than a file may into several files, each in Z-order', async () => {
    await fx.lake.write('silver.z', { sql: SHUFFLED, mode: 'append', partitionBy: ['part'] });
    const [first] = await fx.lake.files('silver.z');
    // A target of about 150 rows per file: each partition's 500 rows become 4 files.
    const target = Math.floor((first.size / first.numRecords!) * 150);
    await fx.lake.optimize('silver.z', { zorderBy: ['x'], targetFileBytes: target });
    const files = await fx.lake.files('silver.z');
    const perPartition = new Map<string | null, number[]>();
    for (const f of files)
      perPartition.set(f.partitionValues.part, [
        ...(perPartition.get(f.partitionValues.part) ?? []),
        f.numRecords!,
      ]);
    expect(perPartition.size).toBe(2);
    for (const counts of perPartition.values()) {
      expect(counts.reduce((a, b) => a + b, 0)).toBe(500);
      expect(counts.length).toBeGreaterThan(1);
    }
    const values = await columnByFile('silver.z', 'x');
    expect(values.every(ascending)).toBe(true);
    await fx.lake.loadVersion('silver.z', { version: 1 }, 'main.z');
    expect(
      await fx.engine.query(
        `select count(*)::int as n from ((select * from main.z) except all (${SHUFFLED}))`,
      ),
    ).toEqual([{ n: 0 }]);
  });
});

describe('cutting an export into files', () => {
  const exported = async () =>
    fx.engine.queryArrow(`select i as id, (i // 3)::integer as f from range(9) t(i)`);

  it('cuts the rows of consecutive files apart and leaves out the file number', async () => {
    const pieces = splitByFile(await exported(), [
      { fileNo: 0, numRecords: 3 },
      { fileNo: 1, numRecords: 3 },
      { fileNo: 2, numRecords: 3 },
    ]);
    expect(pieces).not.toBeNull();
    expect(
      pieces!.map((p) =>
        tableFromIPC(p)
          .toArray()
          .map((r) => Object.keys(r.toJSON())),
      ),
    ).toEqual([
      [['id'], ['id'], ['id']],
      [['id'], ['id'], ['id']],
      [['id'], ['id'], ['id']],
    ]);
    expect(pieces!.map((p) => [...tableFromIPC(p).getChild('id')!].map(Number))).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ]);
  });

  it('refuses rows that are not grouped as the plan says, rather than write one into the wrong file', async () => {
    const shuffled = await fx.engine.queryArrow(
      `select i as id, (i // 3)::integer as f from range(9) t(i) order by i % 3, i`,
    );
    expect(
      splitByFile(shuffled, [
        { fileNo: 0, numRecords: 3 },
        { fileNo: 1, numRecords: 3 },
        { fileNo: 2, numRecords: 3 },
      ]),
    ).toBeNull();
    expect(
      splitByFile(await exported(), [
        { fileNo: 0, numRecords: 4 },
        { fileNo: 1, numRecords: 2 },
        { fileNo: 2, numRecords: 3 },
      ]),
    ).toBeNull();
    expect(splitByFile(await exported(), [{ fileNo: 0, numRecords: 3 }])).toBeNull();
  });
});

describe('the loaded copy after a write', () => {
  const physicalRows = async (table: string) =>
    (
      await fx.engine.query<{ n: number }>(
        `select estimated_size::int as n from duckdb_tables() where schema_name = '__lake' and table_name = ?`,
        [table],
      )
    )[0].n;

  it('an overwrite leaves DuckDB holding only the new rows, not the deleted old ones', async () => {
    await fx.lake.write('silver.t', { sql: 'select range as id from range(100000)', mode: 'overwrite' });
    await fx.lake.write('silver.t', { sql: 'select range as id from range(10)', mode: 'overwrite' });
    expect(await physicalRows('silver.t')).toBe(10);
    expect(await fx.engine.query('select count(*)::int as n, sum(id)::int as s from silver.t')).toEqual([
      { n: 10, s: 45 },
    ]);
    // The rows still know their file: a delete rewrites that file and keeps the rest.
    await fx.lake.deleteWhere('silver.t', 'id < 5');
    expect(await fx.engine.query('select list(id order by id) as ids from silver.t')).toEqual([
      { ids: [5, 6, 7, 8, 9] },
    ]);
  });

  it('an overwrite with a new schema replaces the view too; an append keeps the rows it adds to', async () => {
    await fx.lake.write('silver.t', { sql: `select 1 as id, 'a' as note`, mode: 'overwrite' });
    await fx.lake.write('silver.t', { sql: `select 2 as id, 3.5::double as score`, mode: 'overwrite' });
    expect(await fx.engine.query('select * from silver.t')).toEqual([{ id: 2, score: 3.5 }]);
    await fx.lake.write('silver.t', { sql: `select 3 as id, 4.5::double as score`, mode: 'append' });
    expect(await fx.engine.query('select id, score from silver.t order by id')).toEqual([
      { id: 2, score: 3.5 },
      { id: 3, score: 4.5 },
    ]);
    expect(await physicalRows('silver.t')).toBe(2);
  });
});
