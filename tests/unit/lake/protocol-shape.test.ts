import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSchema, sparkTypeOfArrow, type SparkField } from '../../../src/lake/delta/schema';
import { GOLDEN_DIR, lakeFixture, type LakeFixture } from './helpers';

type Json = Record<string, unknown>;

const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
const isStringMap = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === 'string');

/** Problems with one log line, checked against the Delta protocol's action shapes (empty when fine). */
function shapeProblems(action: Json, partitionColumns: string[] | null): string[] {
  const kinds = Object.keys(action);
  if (kinds.length !== 1) return [`one action per line, got ${kinds.join(', ')}`];
  const [kind] = kinds;
  const a = action[kind] as Json;
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => ok || problems.push(`${kind}.${what}`);
  switch (kind) {
    case 'protocol':
      need(isInt(a.minReaderVersion) && isInt(a.minWriterVersion), 'versions are integers');
      break;
    case 'metaData': {
      need(typeof a.id === 'string', 'id');
      need((a.format as Json)?.provider === 'parquet' && isStringMap((a.format as Json)?.options), 'format');
      const schema = JSON.parse(String(a.schemaString)) as { type: string; fields: SparkField[] };
      need(schema.type === 'struct', 'schemaString is a struct');
      for (const f of schema.fields) {
        need(
          typeof f.name === 'string' && typeof f.nullable === 'boolean' && typeof f.metadata === 'object',
          `field ${f.name}`,
        );
      }
      need(Array.isArray(a.partitionColumns), 'partitionColumns');
      need(
        (a.partitionColumns as string[]).every((c) => schema.fields.some((f) => f.name === c)),
        'partitionColumns are columns',
      );
      need(isStringMap(a.configuration), 'configuration');
      need(a.createdTime === undefined || isInt(a.createdTime), 'createdTime');
      break;
    }
    case 'add': {
      need(typeof a.path === 'string' && !String(a.path).startsWith('/'), 'path is relative');
      need(typeof a.partitionValues === 'object' && a.partitionValues !== null, 'partitionValues');
      const values = (a.partitionValues ?? {}) as Record<string, string | null>;
      if (partitionColumns) {
        need(
          JSON.stringify(Object.keys(values)) === JSON.stringify(partitionColumns),
          'partitionValues has the partition columns',
        );
        const folders = String(a.path)
          .split('/')
          .slice(0, -1)
          .map((p) => p.split('=')[0]);
        need(
          JSON.stringify(folders) === JSON.stringify(partitionColumns),
          'path has one folder per partition column, in order',
        );
      }
      need(
        Object.values(values).every((v) => v === null || typeof v === 'string'),
        'partition values are strings or null',
      );
      need(isInt(a.size) && (a.size as number) > 0, 'size');
      need(isInt(a.modificationTime), 'modificationTime');
      need(typeof a.dataChange === 'boolean', 'dataChange');
      if (a.stats !== undefined) {
        const stats = JSON.parse(String(a.stats)) as Json;
        need(isInt(stats.numRecords), 'stats.numRecords');
        for (const part of ['minValues', 'maxValues', 'nullCount'])
          need(typeof stats[part] === 'object', `stats.${part}`);
        for (const column of Object.keys(stats.nullCount as Json))
          need(!partitionColumns?.includes(column), `stats has no partition column ${column}`);
      }
      break;
    }
    case 'remove':
      need(typeof a.path === 'string', 'path');
      need(a.deletionTimestamp === undefined || isInt(a.deletionTimestamp), 'deletionTimestamp');
      need(typeof a.dataChange === 'boolean', 'dataChange');
      break;
    case 'txn':
      need(typeof a.appId === 'string' && isInt(a.version), 'appId and version');
      break;
    case 'commitInfo':
      need(isInt(a.timestamp), 'timestamp');
      need(typeof a.operation === 'string', 'operation');
      need(
        a.operationParameters === undefined || isStringMap(a.operationParameters),
        'operationParameters are strings',
      );
      need(
        a.operationMetrics === undefined ||
          (isStringMap(a.operationMetrics) &&
            Object.values(a.operationMetrics as Json).every((v) => /^-?\d+$/.test(String(v)))),
        'operationMetrics are integer strings',
      );
      break;
    default:
      problems.push(`unknown action ${kind}`);
  }
  return problems;
}

/** Check every commit of a log; returns problems as "version: problem". */
function logProblems(commits: string[]): string[] {
  const problems: string[] = [];
  let partitionColumns: string[] | null = null;
  commits.forEach((text, version) => {
    const actions = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Json);
    const meta = actions.find((a) => 'metaData' in a);
    if (meta) partitionColumns = (meta.metaData as Json).partitionColumns as string[];
    if (version === 0) {
      if (!actions.some((a) => 'protocol' in a)) problems.push('0: no protocol');
      if (!meta) problems.push('0: no metaData');
    }
    if (actions.filter((a) => 'commitInfo' in a).length !== 1)
      problems.push(`${version}: not exactly one commitInfo`);
    for (const action of actions)
      problems.push(...shapeProblems(action, partitionColumns).map((p) => `${version}: ${p}`));
  });
  return problems;
}

let fx: LakeFixture;

beforeAll(async () => {
  fx = await lakeFixture();
  const lake = fx.lake;
  await lake.write('silver.sales', {
    sql: `select i as id, ['SP', 'RJ', null][1 + i % 3] as state, date '2018-01-01' + (i % 2)::int as day,
                 (i * 1.25)::decimal(18,2) as amount, timestamp '2018-01-01 10:00:00' + to_seconds(i) as ts
          from range(30) t(i)`,
    mode: 'append',
    partitionBy: ['state', 'day'],
    txn: { appId: 'ingest', version: 1 },
  });
  for (const id of [100, 101]) {
    await lake.write('silver.sales', {
      sql: `select ${id} as id, 'SP' as state, date '2018-01-05' as day, 1 as amount, null as ts`,
      mode: 'append',
    });
  }
  await lake.merge('silver.sales', {
    sourceSql: `select 1 as id, 'RJ' as state, date '2018-01-02' as day, 9 as amount, null::timestamp as ts`,
    keys: ['id'],
  });
  await lake.deleteWhere('silver.sales', 'id > 25 and id < 30');
  await lake.write('silver.sales', {
    sql: `select 200 as id, 'SP' as state, date '2018-01-01' as day, 2 as amount, null as ts`,
    mode: 'overwrite',
    replaceWhere: `state = 'SP' and day = date '2018-01-01'`,
  });
  await lake.optimize('silver.sales', {});
  await lake.restore('silver.sales', { version: 2 });
  for (let i = 0; i < 4; i++)
    await lake.write('silver.sales', {
      sql: `select ${300 + i} as id, null as state, date '2018-02-01' as day, 3 as amount, null as ts`,
      mode: 'append',
    });
  await lake.scd2('silver.dim', {
    sourceSql: `select * from (values ('u1', 'a', timestamp '2018-01-01'), ('u1', 'b', timestamp '2018-02-01')) t(id, city, ts)`,
    keys: ['id'],
    tracked: ['city'],
    effectiveColumn: 'ts',
  });
});

async function commitsOf(table: string): Promise<string[]> {
  const folder = `tables/${table.replace('.', '/')}/_delta_log`;
  const names = (await fx.storage.list(folder))
    .map((f) => f.path)
    .filter((p) => /\d{20}\.json$/.test(p))
    .sort();
  return Promise.all(names.map(async (p) => new TextDecoder().decode(await fx.storage.read(p))));
}

describe('what the lake writes follows the Delta protocol', () => {
  it('the checker accepts the logs Spark and delta-rs wrote', () => {
    for (const table of [
      'simple_table',
      'delta-0.8.0-partitioned',
      'delta-0.8.0-null-partition',
      'COVID-19_NYT',
    ]) {
      const folder = join(GOLDEN_DIR, table, '_delta_log');
      const files = readdirSync(folder)
        .filter((f) => f.endsWith('.json'))
        .sort();
      expect(logProblems(files.map((f) => readFileSync(join(folder, f), 'utf8'))), table).toEqual([]);
    }
  });

  it('the checker notices a malformed action', () => {
    const bad =
      '{"commitInfo":{"timestamp":1,"operation":"WRITE","operationMetrics":{"numFiles":1}}}\n{"add":{"path":"/abs.parquet","size":0}}';
    expect(logProblems([bad])).toEqual([
      '0: no protocol',
      '0: no metaData',
      '0: commitInfo.operationMetrics are integer strings',
      '0: add.path is relative',
      '0: add.partitionValues',
      '0: add.size',
      '0: add.modificationTime',
      '0: add.dataChange',
    ]);
  });

  it('every line of every commit has the shape of its action', async () => {
    const commits = await commitsOf('silver.sales');
    expect(commits).toHaveLength(12);
    expect(logProblems(commits)).toEqual([]);
    expect(logProblems(await commitsOf('silver.dim'))).toEqual([]);
    const first = commits[0]
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json);
    expect(first.map((a) => Object.keys(a)[0])).toEqual([
      'commitInfo',
      'protocol',
      'metaData',
      'txn',
      ...Array(first.length - 4).fill('add'),
    ]);
    expect(first[1]).toEqual({ protocol: { minReaderVersion: 1, minWriterVersion: 2 } });
  });

  it('writes the schema Spark would: column names and Spark type names', async () => {
    const meta = (await commitsOf('silver.sales'))[0]
      .split('\n')
      .map((l) => (l ? (JSON.parse(l) as Json) : {}))
      .find((a) => 'metaData' in a)!;
    const fields = parseSchema(String((meta.metaData as Json).schemaString));
    expect(fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
      'id:long',
      'state:string',
      'day:date',
      'amount:decimal(18,2)',
      'ts:timestamp',
    ]);
  });

  it('every data file holds exactly the non-partition columns of the schema, with matching types', async () => {
    const files = await fx.lake.files('silver.sales');
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const bytes = await fx.storage.read(`tables/silver/sales/${file.path}`);
      const schema = tableFromIPC(fx.parquet.read(bytes)).schema;
      expect(schema.fields.map((f) => `${f.name}:${JSON.stringify(sparkTypeOfArrow(f.type))}`)).toEqual([
        'id:"long"',
        'amount:"decimal(18,2)"',
        'ts:"timestamp"',
      ]);
    }
  });

  it('writes a checkpoint at version 10 with Delta’s checkpoint schema, and _last_checkpoint', async () => {
    const folder = 'tables/silver/sales/_delta_log';
    const last = JSON.parse(
      new TextDecoder().decode(await fx.storage.read(`${folder}/_last_checkpoint`)),
    ) as Json;
    expect(last).toMatchObject({ version: 10 });
    const checkpoint = tableFromIPC(
      fx.parquet.read(await fx.storage.read(`${folder}/00000000000000000010.checkpoint.parquet`)),
    );
    expect(checkpoint.schema.fields.map((f) => f.name)).toEqual([
      'txn',
      'add',
      'remove',
      'metaData',
      'protocol',
    ]);
    expect(checkpoint.numRows).toBe(last.size);
    const adds = checkpoint
      .getChild('add')!
      .toArray()
      .filter((a: unknown) => a !== null);
    expect(adds).toHaveLength((await fx.lake.files('silver.sales', { version: 10 })).length);
  });
});
