import { beforeEach, describe, expect, it } from 'vitest';
import { loadedTableSql, parseTableName } from '../../../src/lake/names';
import { runLakeSql } from '../../../src/lake/sql/run-sql';
import { failure, lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;
const sql = (query: string) => runLakeSql(fx.lake, fx.engine, query);

async function ids(): Promise<number[]> {
  return (await sql('select id from silver.t order by id')).rows.map((r) => Number(r.id));
}

beforeEach(async () => {
  fx = await lakeFixture();
  // Two files, so OPTIMIZE has something to rewrite.
  await fx.lake.write('silver.t', { sql: 'select * from range(5) t(id)', mode: 'append' });
  await fx.lake.write('silver.t', { sql: 'select * from range(5, 10) t(id)', mode: 'append' });
  await fx.lake.ensureLoaded('silver.t');
});

const INTERNAL =
  "__lake is the lake's internal schema (loaded copies and scratch tables); the SQL console cannot read or " +
  'change it. Query the tables by their names (e.g. silver.orders), and change them with INSERT, UPDATE, ' +
  'DELETE or CREATE OR REPLACE TABLE … AS.';

describe('the lake internal schema, seen from the SQL console', () => {
  it('refuses an UPDATE of a loaded copy, and the next OPTIMIZE writes the rows the table holds', async () => {
    expect(await failure(sql(`update __lake."silver.t" set id = -1`))).toEqual({
      name: 'NotAllowed',
      message: INTERNAL,
    });
    await sql('optimize silver.t');
    expect(await ids()).toEqual([...Array(10).keys()]);
    const fresh = await lakeFixture({ storage: fx.storage, freshEngine: true });
    await fresh.lake.ensureLoaded('silver.t');
    expect(
      (await fresh.engine.query<{ id: number }>('select id from silver.t order by id')).map((r) => r.id),
    ).toEqual([...Array(10).keys()]);
  });

  it('refuses the schema however it is written: quoted, in capitals, inside a string, through search_path', async () => {
    for (const query of [
      `select * from "__lake"."silver.t"`,
      `select * from __LAKE."silver.t"`,
      `delete from "__LAKE"."silver.t"`,
      `select * from query_table('__lake."silver.t"')`,
      `select * from query('select * from __lake."silver.t"')`,
      `create macro m() as table select * from __lake."silver.t"`,
      `drop schema __lake cascade`,
      `select * from __lake_tables.__lake."silver.t"`,
    ]) {
      expect(await failure(sql(query)), query).toEqual({ name: 'NotAllowed', message: INTERNAL });
    }
    expect(await ids()).toEqual([...Array(10).keys()]);
  });

  it('reloads every loaded copy from its files after SQL that can write ran in DuckDB', async () => {
    // Something other than the lake changes the copy (whatever the path), then the console writes in DuckDB.
    await fx.engine.exec(`update ${loadedTableSql(parseTableName('silver.t'))} set id = -1`);
    await sql('create table main.scratch as select 1 as one');
    const result = await sql('optimize silver.t');
    expect(result.rows[0]).toMatchObject({ numFilesRemoved: 2, numFilesAdded: 1 });
    expect(await ids()).toEqual([...Array(10).keys()]);
  });

  it('keeps the loaded copies across statements that only read', async () => {
    await fx.engine.exec(`create table main.marker as select 1 as x`);
    const loadedBefore = await fx.engine.query(
      `select table_name from duckdb_tables() where schema_name = '__lake' order by 1`,
    );
    await sql('select count(*) from silver.t');
    await sql('describe silver.t');
    expect(
      await fx.engine.query(`select table_name from duckdb_tables() where schema_name = '__lake' order by 1`),
    ).toEqual(loadedBefore);
  });
});

describe('the SQL console reaches nothing outside the lakehouse', () => {
  it('refuses extensions and settings with a clear message', async () => {
    const refusals = {
      'install httpfs':
        "install httpfs installs an extension; the SQL console cannot install or load extensions or change DuckDB's settings (the app runs offline and fetches nothing).",
      'force install httpfs':
        "force install httpfs installs an extension; the SQL console cannot install or load extensions or change DuckDB's settings (the app runs offline and fetches nothing).",
      'load httpfs':
        "load httpfs loads an extension; the SQL console cannot install or load extensions or change DuckDB's settings (the app runs offline and fetches nothing).",
      'set autoinstall_known_extensions = true':
        "set autoinstall_known_extensions = changes a setting; the SQL console cannot install or load extensions or change DuckDB's settings (the app runs offline and fetches nothing).",
      'update extensions':
        "update extensions installs an extension; the SQL console cannot install or load extensions or change DuckDB's settings (the app runs offline and fetches nothing).",
      'use silver':
        "use silver changes the default schema; the SQL console cannot install or load extensions or change DuckDB's settings (the app runs offline and fetches nothing).",
    };
    for (const [query, message] of Object.entries(refusals))
      expect(await failure(sql(query)), query).toEqual({ name: 'NotAllowed', message });
  });

  it('refuses a URL before DuckDB sees it', async () => {
    expect(await failure(sql(`select * from read_csv('https://example.org/data.csv')`))).toEqual({
      name: 'NotAllowed',
      message:
        "'https://example.org/data.csv' is on the network; the SQL console reads only the lakehouse's tables and " +
        'never makes a request to another site. Upload the file on the Sources screen instead.',
    });
  });

  it("turns DuckDB's own refusal of a file into the console's words", async () => {
    expect(await failure(sql(`select * from read_csv('/etc/passwd')`))).toEqual({
      name: 'NotAllowed',
      message:
        '"/etc/passwd" is outside the lakehouse; the SQL console reads only the lakehouse\'s tables, not files ' +
        'on this computer or on the network. Upload files on the Sources screen instead.',
    });
  });
});
