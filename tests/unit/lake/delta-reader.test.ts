import { beforeAll, describe, expect, it } from 'vitest';
import { writeCheckpoint } from '../../../src/lake/delta/checkpoint';
import { Lake } from '../../../src/lake/lake';
import { DeltaTableBuilder, add, commitInfo, field, metaData, protocol } from './delta-builder';
import { failure, lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;
beforeAll(async () => {
  fx = await lakeFixture();
});

/** A lake over the same storage with nothing cached, as another tab opening the tables would be. */
function freshLake(): Lake {
  return new Lake({ engine: fx.engine, parquet: fx.parquet, storage: fx.storage, clock: fx.clock.read });
}

const rowsOf = (sql: string) => fx.engine.query(sql);

describe('column mapping', () => {
  const region = field('Region', 'string', {
    'delta.columnMapping.id': 6,
    'delta.columnMapping.physicalName': 'col-f',
  });
  const schema = [
    field('Customer Name', 'string', {
      'delta.columnMapping.id': 1,
      'delta.columnMapping.physicalName': 'col-a',
    }),
    field('amount', 'decimal(10,2)', {
      'delta.columnMapping.id': 2,
      'delta.columnMapping.physicalName': 'col-b',
    }),
    field(
      'address',
      {
        type: 'struct',
        fields: [
          field('Zip Code', 'string', {
            'delta.columnMapping.id': 4,
            'delta.columnMapping.physicalName': 'col-d',
          }),
          field('city', 'string', {
            'delta.columnMapping.id': 5,
            'delta.columnMapping.physicalName': 'col-e',
          }),
        ],
      },
      { 'delta.columnMapping.id': 3, 'delta.columnMapping.physicalName': 'col-c' },
    ),
    field('note', 'string', { 'delta.columnMapping.id': 7, 'delta.columnMapping.physicalName': 'col-g' }),
    region,
  ];
  const stats = (min: string, max: string) =>
    JSON.stringify({
      numRecords: 2,
      minValues: { 'col-a': min },
      maxValues: { 'col-a': max },
      nullCount: { 'col-a': 0 },
    });

  it('id mode: finds columns and nested fields by Parquet field id, partition values and stats by physical name', async () => {
    const t = new DeltaTableBuilder(fx, 'tables/ext/by_id');
    // The Parquet names are neither the logical nor the physical ones: only the field ids tell.
    const ids = { x1: 1, x2: 2, x3: 3, 'x3.y1': 4, 'x3.y2': 5 };
    const north = await t.parquet(
      'aa/part-0.parquet',
      `SELECT * FROM (VALUES ('Ana', 12.50::DECIMAL(10,2), {'y1': '01037', 'y2': 'São Paulo'}),
                             ('Bo', 3.00::DECIMAL(10,2), NULL)) AS v(x1, x2, x3)`,
      ids,
    );
    const south = await t.parquet(
      'bb/part-1.parquet',
      `SELECT * FROM (VALUES ('Cy', 7.25::DECIMAL(10,2), {'y1': '90000', 'y2': NULL}),
                             ('Di', 1.00::DECIMAL(10,2), {'y1': NULL, 'y2': 'Rio'})) AS v(x1, x2, x3)`,
      ids,
    );
    await t.commit(0, [
      commitInfo(1_700_000_000_000),
      protocol(3, 7, ['columnMapping']),
      metaData(schema, ['Region'], {
        'delta.columnMapping.mode': 'id',
        'delta.columnMapping.maxColumnId': '7',
      }),
      add(north, { partitionValues: { 'col-f': 'north' }, stats: stats('Ana', 'Bo') }),
      add(south, { partitionValues: { 'col-f': 'south' }, stats: stats('Cy', 'Di') }),
    ]);
    await fx.lake.ensureLoaded('ext.by_id');
    expect(
      await rowsOf(
        `SELECT "Customer Name" AS name, amount::VARCHAR AS amount, address."Zip Code" AS zip, address.city AS city, note, "Region" AS region
         FROM ext.by_id ORDER BY 1`,
      ),
    ).toEqual([
      { name: 'Ana', amount: '12.50', zip: '01037', city: 'São Paulo', note: null, region: 'north' },
      { name: 'Bo', amount: '3.00', zip: null, city: null, note: null, region: 'north' },
      { name: 'Cy', amount: '7.25', zip: '90000', city: null, note: null, region: 'south' },
      { name: 'Di', amount: '1.00', zip: null, city: 'Rio', note: null, region: 'south' },
    ]);
    expect(await fx.lake.scan('ext.by_id', `"Customer Name" > 'C'`, 'by_id_scan')).toEqual({
      filesRead: 1,
      filesTotal: 2,
    });
    expect(await fx.lake.scan('ext.by_id', `"Region" = 'north'`, 'by_id_scan')).toEqual({
      filesRead: 1,
      filesTotal: 2,
    });
    expect((await fx.lake.describeVersion('ext.by_id')).columnMapping).toBe('id');
  });

  it('id mode: refuses a data file without field ids instead of reading NULLs', async () => {
    const t = new DeltaTableBuilder(fx, 'tables/ext/no_ids');
    const file = await t.parquet('part-0.parquet', `SELECT 'x' AS "col-a"`);
    await t.commit(0, [
      protocol(2, 5),
      metaData([schema[0]], [], { 'delta.columnMapping.mode': 'id' }),
      add(file),
    ]);
    expect(await failure(fx.lake.ensureLoaded('ext.no_ids'))).toEqual({
      name: 'UnreadableDataFile',
      message:
        'The data file part-0.parquet of ext.no_ids has no Parquet field ids, which column mapping mode "id" needs ' +
        'to find its columns; it is not read rather than read as NULLs.',
    });
  });

  it('name mode: physical names at every level, and nothing renamed when the protocol does not support mapping', async () => {
    const t = new DeltaTableBuilder(fx, 'tables/ext/by_name');
    const file = await t.parquet(
      'part-0.parquet',
      `SELECT 'Ana' AS "col-a", 2.5::DECIMAL(10,2) AS "col-b", {'col-d': '01037', 'col-e': 'Recife'} AS "col-c", 'hi' AS "col-g"`,
    );
    await t.commit(0, [
      protocol(2, 5),
      metaData(schema, ['Region'], { 'delta.columnMapping.mode': 'name' }),
      add(file, { partitionValues: { 'col-f': null } }),
    ]);
    await fx.lake.ensureLoaded('ext.by_name');
    expect(
      await rowsOf(`SELECT "Customer Name" AS n, address AS a, note, "Region" AS r FROM ext.by_name`),
    ).toEqual([{ n: 'Ana', a: { 'Zip Code': '01037', city: 'Recife' }, note: 'hi', r: null }]);
    // The same log at reader 1 does not support column mapping: the mode is not honoured.
    const plain = new DeltaTableBuilder(fx, 'tables/ext/mode_ignored');
    const named = await plain.parquet('part-0.parquet', `SELECT 'Bo' AS "Customer Name"`);
    await plain.commit(0, [
      protocol(1, 2),
      metaData([schema[0]], [], { 'delta.columnMapping.mode': 'name' }),
      add(named),
    ]);
    await fx.lake.ensureLoaded('ext.mode_ignored');
    expect(await rowsOf(`SELECT * FROM ext.mode_ignored`)).toEqual([{ 'Customer Name': 'Bo' }]);
  });
});

describe('partition values of every primitive type', () => {
  it('casts each partition value to its column type; empty text and null are NULL', async () => {
    const t = new DeltaTableBuilder(fx, 'tables/ext/partitions');
    const columns = [
      ['b', 'byte'],
      ['s', 'short'],
      ['i', 'integer'],
      ['l', 'long'],
      ['f', 'float'],
      ['d', 'double'],
      ['dec', 'decimal(10,2)'],
      ['flag', 'boolean'],
      ['day', 'date'],
      ['ts', 'timestamp'],
      ['ntz', 'timestamp_ntz'],
      ['bin', 'binary'],
      ['str', 'string'],
    ] as const;
    const names = columns.map(([name]) => name);
    await t.commit(0, [
      protocol(3, 7, ['timestampNtz']),
      metaData([field('id', 'integer'), ...columns.map(([name, type]) => field(name, type))], [...names]),
    ]);
    const values = [
      [
        '-8',
        '300',
        '-70000',
        '9007199254740993',
        '1.5',
        '-2.25e10',
        '12345678.91',
        'true',
        '2024-02-29',
        '2024-03-01 10:20:30.123456',
        '2024-03-01 10:20:30',
        '\u0001A\u00ff',
        'a=b/c',
      ],
      ['', null, '', null, 'NaN', '-Infinity', '', 'false', null, '2024-03-01T08:20:30.5Z', '', '', ''],
      [
        '0',
        '0',
        '0',
        '0',
        '0',
        '0',
        '0',
        'false',
        '1970-01-01',
        '2024-03-01T10:20:30+02:00',
        '1999-12-31T23:59:59.999999',
        '',
        'x',
      ],
    ];
    for (const [n, row] of values.entries()) {
      const file = await t.parquet(`p${n}/part-0.parquet`, `SELECT ${n}::INT AS id`);
      await t.commit(n + 1, [
        add(file, { partitionValues: Object.fromEntries(names.map((c, k) => [c, row[k]])) }),
      ]);
    }
    await fx.lake.ensureLoaded('ext.partitions');
    const typed = await rowsOf(
      `SELECT id, ${names.map((c) => `CAST(${c === 'bin' ? 'hex(bin)' : c} AS VARCHAR) AS ${c}`).join(', ')} FROM ext.partitions ORDER BY id`,
    );
    expect(typed).toEqual([
      {
        id: 0,
        b: '-8',
        s: '300',
        i: '-70000',
        l: '9007199254740993',
        f: '1.5',
        d: '-22500000000.0',
        dec: '12345678.91',
        flag: 'true',
        day: '2024-02-29',
        ts: '2024-03-01 10:20:30.123456',
        ntz: '2024-03-01 10:20:30',
        bin: '0141FF',
        str: 'a=b/c',
      },
      {
        id: 1,
        b: null,
        s: null,
        i: null,
        l: null,
        f: 'nan',
        d: '-inf',
        dec: null,
        flag: 'false',
        day: null,
        ts: '2024-03-01 08:20:30.5',
        ntz: null,
        bin: null,
        str: null,
      },
      {
        id: 2,
        b: '0',
        s: '0',
        i: '0',
        l: '0',
        f: '0.0',
        d: '0.0',
        dec: '0.00',
        flag: 'false',
        day: '1970-01-01',
        ts: '2024-03-01 08:20:30',
        ntz: '1999-12-31 23:59:59.999999',
        bin: null,
        str: 'x',
      },
    ]);
    const types = await rowsOf(
      `SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_schema = 'ext' AND table_name = 'partitions' ORDER BY ordinal_position`,
    );
    expect(types.map((r) => r.t)).toEqual([
      'INTEGER',
      'TINYINT',
      'SMALLINT',
      'INTEGER',
      'BIGINT',
      'FLOAT',
      'DOUBLE',
      'DECIMAL(10,2)',
      'BOOLEAN',
      'DATE',
      'TIMESTAMP',
      'TIMESTAMP',
      'BLOB',
      'VARCHAR',
    ]);
    expect(await fx.lake.scan('ext.partitions', `ts < '2024-03-01 09:00:00'`, 'part_scan')).toEqual({
      filesRead: 2,
      filesTotal: 3,
    });
    // Beyond 2^53 a number cannot be compared safely in JavaScript: only the NULL partition is skipped.
    expect(await fx.lake.scan('ext.partitions', `l = 9007199254740993`, 'part_scan')).toEqual({
      filesRead: 2,
      filesTotal: 3,
    });
    expect(await fx.lake.scan('ext.partitions', `i = 0`, 'part_scan')).toEqual({
      filesRead: 1,
      filesTotal: 3,
    });
  });
});

describe('checkpoints and logs as other writers leave them', () => {
  it('reads a multi-part checkpoint after log cleanup, without _last_checkpoint, and ignores one with a part missing', async () => {
    await fx.lake.write('other.parts', {
      sql: `SELECT range AS id, CASE WHEN range % 2 = 0 THEN 'even' ELSE 'odd' END AS kind FROM range(6)`,
      mode: 'overwrite',
      partitionBy: ['kind'],
    });
    await fx.lake.write('other.parts', { sql: `SELECT 10 AS id, 'odd' AS kind`, mode: 'append' });
    await fx.lake.write('other.parts', { sql: `SELECT 11 AS id, 'ten' AS kind`, mode: 'append' });
    const log = 'tables/other/parts/_delta_log';
    const twoParts = async (version: number, keep: number[]) => {
      const snapshot =
        (await freshLake().describeVersion('other.parts', { version })) && (await snapshotOf(version));
      const adds = [...snapshot.files.values()];
      const halves = [adds.slice(0, 2), adds.slice(2)];
      for (const part of keep) {
        const { bytes } = await writeCheckpoint(fx.parquet, {
          protocol: snapshot.protocol,
          metaData: snapshot.metadata,
          adds: halves[part - 1],
          removes: [],
          txns: [],
        });
        const name = `${String(version).padStart(20, '0')}.checkpoint.${String(part).padStart(10, '0')}.0000000002.parquet`;
        await fx.storage.write(`${log}/${name}`, bytes);
      }
    };
    await twoParts(1, [1, 2]);
    await twoParts(2, [1]); // an interrupted checkpoint: part 2 of 2 is missing
    await fx.storage.delete(`${log}/00000000000000000000.json`);
    await fx.storage.delete(`${log}/00000000000000000001.json`);
    await fx.storage.delete(`${log}/_last_checkpoint`);
    const lake = freshLake();
    expect(await lake.latestVersion('other.parts')).toBe(2);
    await lake.ensureLoaded('other.parts');
    expect(await rowsOf(`SELECT id, kind FROM other.parts ORDER BY id`)).toEqual([
      ...[0, 1, 2, 3, 4, 5].map((id) => ({ id, kind: id % 2 === 0 ? 'even' : 'odd' })),
      { id: 10, kind: 'odd' },
      { id: 11, kind: 'ten' },
    ]);
    await lake.loadVersion('other.parts', { version: 1 }, 'parts_v1');
    expect(await rowsOf(`SELECT count(*)::INT AS n FROM parts_v1`)).toEqual([{ n: 7 }]);
    expect(await failure(lake.loadVersion('other.parts', { version: 0 }, 'parts_v0'))).toEqual({
      name: 'VersionNotFound',
      message: 'other.parts has versions 1–2; version 0 does not exist',
    });
  });

  it('reads a v2 checkpoint with sidecars after the commits before it are gone, and a UUID-named Parquet one', async () => {
    const source = 'tables/golden_copy/v2';
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { GOLDEN_DIR } = await import('./helpers');
    const root = join(GOLDEN_DIR, 'checkpoint-v2-table');
    const copy = async (dir: string) => {
      for (const name of readdirSync(join(root, dir))) {
        const relative = dir ? `${dir}/${name}` : name;
        if (statSync(join(root, relative)).isDirectory()) await copy(relative);
        else
          await fx.storage.write(`${source}/${relative}`, new Uint8Array(readFileSync(join(root, relative))));
      }
    };
    await copy('');
    for (let v = 0; v < 8; v++)
      await fx.storage.delete(`${source}/_delta_log/${String(v).padStart(20, '0')}.json`);
    let lake = freshLake();
    expect(await lake.latestVersion('golden_copy.v2')).toBe(9);
    expect((await lake.files('golden_copy.v2', { version: 8 })).length).toBe(7);
    await lake.ensureLoaded('golden_copy.v2');
    expect(await rowsOf(`SELECT count(*)::INT AS n, max(id)::INT AS top FROM golden_copy.v2`)).toEqual([
      { n: 44, top: 44 },
    ]);
    expect((await failure(lake.files('golden_copy.v2', { version: 7 }))).name).toBe('VersionNotFound');
    // The same state as a UUID-named Parquet checkpoint, found by listing (no _last_checkpoint).
    const snapshot = await snapshotOf(8, 'golden_copy.v2');
    const { bytes } = await writeCheckpoint(fx.parquet, {
      protocol: { minReaderVersion: 1, minWriterVersion: 2 },
      metaData: snapshot.metadata,
      adds: [...snapshot.files.values()],
      removes: [],
      txns: [],
    });
    await fx.storage.delete(`${source}/_delta_log/_last_checkpoint`);
    await fx.storage.delete(
      `${source}/_delta_log/00000000000000000008.checkpoint.e5ac4dc4-be27-4106-8a55-609707487f83.json`,
    );
    await fx.storage.write(
      `${source}/_delta_log/00000000000000000008.checkpoint.4c1e9a51-6d2f-4c7b-8e10-0b9d1e228f3a.parquet`,
      bytes,
    );
    lake = freshLake();
    expect((await lake.files('golden_copy.v2', { version: 8 })).length).toBe(7);
    expect(await lake.latestVersion('golden_copy.v2')).toBe(9);
  });

  it('names the file and line of a log line that is not JSON, and ignores actions it does not use', async () => {
    const t = new DeltaTableBuilder(fx, 'tables/ext/odd_log');
    const file = await t.parquet('part-0.parquet', `SELECT 1::BIGINT AS id`);
    await t.commit(0, [
      commitInfo(1_700_000_000_000, 'CREATE TABLE', { inCommitTimestamp: 1_700_000_000_500 }),
      protocol(1, 7, ['domainMetadata', 'inCommitTimestamp']),
      metaData([field('id', 'long')]),
      { domainMetadata: { domain: 'delta.clustering', configuration: '{}', removed: false } },
      { someFutureAction: { path: 'x' } },
      add(file, { baseRowId: 0, defaultRowCommitVersion: 0, clusteringProvider: 'liquid' }),
      { cdc: { path: '_change_data/cdc-0.parquet', partitionValues: {}, size: 10, dataChange: false } },
    ]);
    await t.commit(1, [commitInfo(1_700_000_100_000, 'OPTIMIZE', { inCommitTimestamp: 1_700_000_100_500 })]);
    await fx.lake.ensureLoaded('ext.odd_log');
    expect(await rowsOf(`SELECT id FROM ext.odd_log`)).toEqual([{ id: 1 }]);
    expect((await fx.lake.history('ext.odd_log')).map((h) => h.timestamp)).toEqual([
      '2023-11-14 22:15:00.500',
      '2023-11-14 22:13:20.500',
    ]);
    expect(await fx.lake.resolveVersion('ext.odd_log', { timestamp: '2023-11-14 22:13:20.6' })).toBe(0);
    await fx.storage.write(
      'tables/ext/odd_log/_delta_log/00000000000000000002.json',
      new TextEncoder().encode('{"commitInfo":{"timestamp":1}}\n{"add": {"path": "a.parquet",\n'),
    );
    expect(await failure(freshLake().ensureLoaded('ext.odd_log'))).toEqual({
      name: 'CorruptLog',
      message:
        'Line 2 of the Delta log file tables/ext/odd_log/_delta_log/00000000000000000002.json is not JSON: ' +
        '{"add": {"path": "a.parquet",',
    });
  });

  it('finds a data file the log names by an absolute URI inside the copied table folder', async () => {
    const t = new DeltaTableBuilder(fx, 'tables/ext/absolute');
    const file = await t.parquet('year=2024/part-0.parquet', `SELECT 5::BIGINT AS id`);
    await t.commit(0, [
      protocol(1, 2),
      metaData([field('id', 'long')]),
      add({ ...file, path: 's3://bucket/warehouse/absolute/year=2024/part-0.parquet' }),
    ]);
    await fx.lake.ensureLoaded('ext.absolute');
    expect(await rowsOf(`SELECT id FROM ext.absolute`)).toEqual([{ id: 5 }]);
  });

  it('reads files written before a type was widened (typeWidening) as the wider type', async () => {
    const t = new DeltaTableBuilder(fx, 'tables/ext/widened');
    const old = await t.parquet(
      'part-0.parquet',
      `SELECT 7::INTEGER AS n, 1.5::FLOAT AS x, DATE '2024-01-02' AS d`,
    );
    await t.commit(0, [
      protocol(3, 7, ['typeWidening']),
      metaData([field('n', 'long'), field('x', 'double'), field('d', 'timestamp_ntz')]),
      add(old),
    ]);
    await fx.lake.ensureLoaded('ext.widened');
    expect(await rowsOf(`SELECT n, typeof(n) AS t, x, CAST(d AS VARCHAR) AS d FROM ext.widened`)).toEqual([
      { n: 7, t: 'BIGINT', x: 1.5, d: '2024-01-02 00:00:00' },
    ]);
  });
});

/** The snapshot of a table version, read by the lake's own snapshot builder. */
async function snapshotOf(version: number, table = 'other.parts') {
  const { Snapshots } = await import('../../../src/lake/delta/snapshots');
  const [layer, name] = table.split('.');
  return new Snapshots(fx.storage, fx.parquet).at(`tables/${layer}/${name}`, version);
}
