import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findReferences } from '../../../src/lake/sql/references';
import { runLakeSql } from '../../../src/lake/sql/run-sql';
import { parseLakeStatement } from '../../../src/lake/sql/statements';
import { meaningful, splitStatements, tokenize } from '../../../src/lake/sql/tokenizer';
import { failure, lakeFixture, type LakeFixture } from './helpers';

function parse(sql: string) {
  return parseLakeStatement(sql, tokenize(sql));
}

describe('the SQL tokenizer', () => {
  it('keeps strings, quoted names and comments whole', () => {
    const sql = `select 'it''s ; VERSION AS OF 3' as "a ""b""", x -- FROM silver.orders VERSION AS OF 1\n/* ; */ from t`;
    const kinds = meaningful(tokenize(sql)).map((t) => [t.kind, t.value]);
    expect(kinds).toEqual([
      ['word', 'select'],
      ['string', "it's ; VERSION AS OF 3"],
      ['word', 'as'],
      ['quoted', 'a "b"'],
      ['op', ','],
      ['word', 'x'],
      ['word', 'from'],
      ['word', 't'],
    ]);
    expect(splitStatements(tokenize(sql))).toHaveLength(1);
    expect(
      tokenize(sql)
        .map((t) => t.text)
        .join(''),
    ).toBe(sql);
  });

  it('splits statements at semicolons outside strings', () => {
    expect(
      splitStatements(tokenize(`select ';'; select 2;;`)).map((s) =>
        s
          .map((t) => t.text)
          .join('')
          .trim(),
      ),
    ).toEqual(["select ';'", 'select 2']);
  });

  it('says where an unclosed string starts', () => {
    expect(() => tokenize(`select 'abc`)).toThrowError('The string starting at character 8 is never closed');
    expect(() => tokenize(`select "abc`)).toThrowError(
      'The quoted name starting at character 8 is never closed',
    );
    expect(() => tokenize(`select /* abc`)).toThrowError(
      'The comment starting at character 8 is never closed',
    );
  });
});

describe('finding tables and time travel', () => {
  const refs = (sql: string) => findReferences(meaningful(tokenize(sql)));

  it('finds layer.name references with their time travel and alias', () => {
    const found = refs(`select * from silver.orders VERSION AS OF 3 o join "gold"."Daily" d on o.id = d.id`);
    expect(found.map(({ table, timeTravel, hasAlias }) => ({ table, timeTravel, hasAlias }))).toEqual([
      { table: 'silver.orders', timeTravel: { version: 3 }, hasAlias: true },
      { table: 'gold.Daily', timeTravel: undefined, hasAlias: true },
      { table: 'o.id', timeTravel: undefined, hasAlias: false },
      { table: 'd.id', timeTravel: undefined, hasAlias: false },
    ]);
    expect(
      refs(`select * from silver.orders for timestamp as of '2026-11-25 10:00:00' where x = 1`)[0],
    ).toMatchObject({
      timeTravel: { timestamp: '2026-11-25 10:00:00' },
      hasAlias: false,
    });
  });

  it('ignores the words inside strings and comments', () => {
    expect(refs(`select 'from silver.orders VERSION AS OF 3' -- silver.orders\n`)).toEqual([]);
  });

  it('explains a time travel clause without its value', () => {
    expect(() => refs(`select * from silver.orders version as of x`)).toThrowError(
      'Cannot read "version as of x…": VERSION AS OF needs a version number, e.g. VERSION AS OF 3',
    );
    expect(() => refs(`select * from silver.orders timestamp as of 5`)).toThrowError(
      `Cannot read "timestamp as of 5…": TIMESTAMP AS OF needs a quoted timestamp, e.g. TIMESTAMP AS OF '2026-11-25 10:00:00'`,
    );
  });
});

describe("parsing Delta's statements", () => {
  it('reads DESCRIBE HISTORY, RESTORE, OPTIMIZE and VACUUM', () => {
    expect(parse('describe history silver.orders')).toEqual({ kind: 'history', table: 'silver.orders' });
    expect(parse('DESCRIBE HISTORY silver.orders LIMIT 2')).toEqual({
      kind: 'history',
      table: 'silver.orders',
      limit: 2,
    });
    expect(parse('RESTORE TABLE silver.orders TO VERSION AS OF 2')).toEqual({
      kind: 'restore',
      table: 'silver.orders',
      to: { version: 2 },
    });
    expect(parse(`restore silver.orders timestamp as of '2026-11-25'`)).toEqual({
      kind: 'restore',
      table: 'silver.orders',
      to: { timestamp: '2026-11-25' },
    });
    expect(parse('OPTIMIZE silver.orders ZORDER BY (customer_unique_id, "Order Date")')).toEqual({
      kind: 'optimize',
      table: 'silver.orders',
      zorderBy: ['customer_unique_id', 'Order Date'],
    });
    expect(parse('optimize silver.orders zorder by a, b')).toMatchObject({ zorderBy: ['a', 'b'] });
    expect(parse('VACUUM silver.orders RETAIN 168 HOURS DRY RUN')).toEqual({
      kind: 'vacuum',
      table: 'silver.orders',
      retainHours: 168,
      dryRun: true,
      force: false,
    });
    expect(parse('vacuum silver.orders retain 0 hours force')).toMatchObject({ retainHours: 0, force: true });
    expect(parse('select 1')).toBeNull();
    expect(parse('describe silver.orders')).toBeNull();
  });

  it('reads writes to lake tables', () => {
    expect(parse('INSERT INTO silver.t (a, b) SELECT 1, 2')).toEqual({
      kind: 'insert',
      table: 'silver.t',
      columns: ['a', 'b'],
      query: 'SELECT 1, 2',
    });
    expect(parse(`delete from silver.t where a = 'x;y'`)).toEqual({
      kind: 'delete',
      table: 'silver.t',
      predicate: "a = 'x;y'",
    });
    expect(parse('create or replace table gold.t partitioned by (d) as select 1 as d')).toEqual({
      kind: 'create',
      table: 'gold.t',
      orReplace: true,
      partitionBy: ['d'],
      query: 'select 1 as d',
    });
    expect(
      parse(`update silver.t set note = 'a where b', n = (select max(x) from y where z) where id = 1`),
    ).toEqual({
      kind: 'update',
      table: 'silver.t',
      assignments: `note = 'a where b', n = (select max(x) from y where z)`,
      predicate: 'id = 1',
    });
    expect(parse('update silver.t set n = 0')).toMatchObject({ kind: 'update', predicate: null });
    expect(() => parse('update silver.t n = 0')).toThrowError(
      'Cannot read "update silver.t n = 0": write UPDATE silver.orders SET column = value [WHERE …]',
    );
    expect(parse('create table gold.t (a int)')).toBeNull();
  });

  it('says how to write a statement it cannot read', () => {
    expect(() => parse('RESTORE TABLE silver.orders TO VERSION 2')).toThrowError(
      `Cannot read "RESTORE TABLE silver.orders TO VERSION 2": write RESTORE TABLE silver.orders TO VERSION AS OF 2 (or TIMESTAMP AS OF '2026-11-25 10:00:00')`,
    );
    expect(() => parse('VACUUM silver.orders RETAIN 7 DAYS')).toThrowError(
      'Cannot read "VACUUM silver.orders RETAIN 7 DAYS": write VACUUM silver.orders [RETAIN n HOURS] [DRY RUN]',
    );
    expect(() => parse('OPTIMIZE orders')).toThrowError(
      'Cannot read "OPTIMIZE orders": name the table as layer.name, e.g. OPTIMIZE silver.orders',
    );
    expect(() => parse('DESCRIBE HISTORY silver.orders 5')).toThrowError(
      'Cannot read "DESCRIBE HISTORY silver.orders 5": unexpected "5"; write DESCRIBE HISTORY silver.orders [LIMIT n]',
    );
  });
});

describe('running console SQL against the lake', () => {
  let fx: LakeFixture;
  const sql = (query: string) => runLakeSql(fx.lake, fx.engine, query);
  const values = async (query: string) => (await sql(query)).rows;

  beforeAll(async () => {
    fx = await lakeFixture();
  });

  beforeEach(async () => {
    fx.clock.now = Date.parse('2026-11-25T10:00:00Z');
    await fx.lake.dropAll();
    await sql(`create table silver.orders as select 1 as id, 'first' as note`);
    fx.clock.advanceHours(1);
    await sql(`insert into silver.orders values (2, 'second')`);
    fx.clock.advanceHours(1);
    await sql(`delete from silver.orders where id = 1`);
  });

  it('queries layer.name directly, loading it first', async () => {
    expect(await values('select id, note from silver.orders')).toEqual([{ id: 2, note: 'second' }]);
  });

  it('rewrites VERSION AS OF and TIMESTAMP AS OF, keeping the table name usable as a qualifier', async () => {
    expect(await values('select orders.id from silver.orders VERSION AS OF 1 order by 1')).toEqual([
      { id: 1 },
      { id: 2 },
    ]);
    expect(await values(`select id from silver.orders TIMESTAMP AS OF '2026-11-25 10:30:00'`)).toEqual([
      { id: 1 },
    ]);
    expect(
      await values(
        `select a.id as old, b.id as new from silver.orders version as of 0 a full join silver.orders b on a.id = b.id order by 1`,
      ),
    ).toEqual([
      { old: 1, new: null },
      { old: null, new: 2 },
    ]);
    expect(await values(`select 'from silver.orders VERSION AS OF 0' as text`)).toEqual([
      { text: 'from silver.orders VERSION AS OF 0' },
    ]);
  });

  it('answers DESCRIBE HISTORY with one row per version', async () => {
    const result = await sql('DESCRIBE HISTORY silver.orders');
    expect(result.columns.map((c) => c.name)).toEqual([
      'version',
      'timestamp',
      'operation',
      'operationParameters',
      'operationMetrics',
      'readVersion',
      'isBlindAppend',
      'engineInfo',
    ]);
    expect(result.rows.map((r) => [r.version, r.timestamp, r.operation])).toEqual([
      [2, '2026-11-25 12:00:00', 'DELETE'],
      [1, '2026-11-25 11:00:00', 'WRITE'],
      [0, '2026-11-25 10:00:00', 'CREATE TABLE AS SELECT'],
    ]);
    expect(JSON.parse(String(result.rows[0].operationMetrics))).toMatchObject({ numDeletedRows: 1 });
  });

  it('runs RESTORE, OPTIMIZE and VACUUM and shows what they did', async () => {
    expect(await values('RESTORE TABLE silver.orders TO VERSION AS OF 1')).toEqual([
      expect.objectContaining({ num_restored_files: 1, num_removed_files: 0, num_of_files_after_restore: 2 }),
    ]);
    expect(await values('select count(*)::int as n from silver.orders')).toEqual([{ n: 2 }]);
    expect(await values('OPTIMIZE silver.orders')).toEqual([
      expect.objectContaining({
        path: 'silver.orders',
        numFilesBefore: 2,
        numFilesAfter: 1,
        numFilesRemoved: 2,
        numFilesAdded: 1,
      }),
    ]);
    fx.clock.advanceHours(1);
    expect(await values('VACUUM silver.orders RETAIN 0 HOURS DRY RUN FORCE')).toHaveLength(2);
    expect((await failure(sql('VACUUM silver.orders RETAIN 0 HOURS'))).name).toBe('RetentionTooShort');
    expect(await values('select count(*)::int as n from silver.orders')).toEqual([{ n: 2 }]);
  });

  it('runs UPDATE as a copy-on-write commit', async () => {
    expect(await values(`update silver.orders set note = upper(note) where id = 2`)).toEqual([
      { num_affected_rows: 1, version: 3 },
    ]);
    expect(await values('select id, note from silver.orders')).toEqual([{ id: 2, note: 'SECOND' }]);
    expect(await values(`update silver.orders set note = 'x' where id = 99`)).toEqual([
      { num_affected_rows: 0, version: 3 },
    ]);
    const [entry] = await fx.lake.history('silver.orders');
    expect(entry).toMatchObject({
      version: 3,
      operation: 'UPDATE',
      operationParameters: { predicate: '["id = 2"]' },
    });
    expect(entry.operationMetrics).toMatchObject({ numUpdatedRows: 1, numRemovedFiles: 1, numAddedFiles: 1 });
  });

  it('runs several statements and returns the last result', async () => {
    expect(
      await values(
        `insert into silver.orders values (3, 'third'); select count(*)::int as n from silver.orders`,
      ),
    ).toEqual([{ n: 2 }]);
  });

  it('names a lake table that does not exist, and a version that does not', async () => {
    expect(await failure(sql('select * from silver.nope'))).toEqual({
      name: 'TableNotFound',
      message:
        'silver.nope does not exist: nothing has been written to it yet. Check the name, or run the step that creates it.',
    });
    expect(await failure(sql('select * from silver.orders version as of 9'))).toEqual({
      name: 'VersionNotFound',
      message: 'silver.orders has versions 0–2; version 9 does not exist',
    });
    expect(await failure(sql('create table silver.orders as select 1 as id'))).toEqual({
      name: 'TableAlreadyExists',
      message:
        'silver.orders already exists: write CREATE OR REPLACE TABLE to replace it (its history is kept)',
    });
  });

  it('says when there is nothing to run', async () => {
    expect(await failure(sql(' ; -- nothing\n'))).toEqual({
      name: 'EmptyQuery',
      message: 'There is no SQL to run',
    });
  });

  it('leaves other SQL to DuckDB, with its own errors', async () => {
    expect(await values('select 6 * 7 as answer')).toEqual([{ answer: 42 }]);
    expect((await failure(sql('select * from no_such_table'))).message).toContain(
      'Table with name no_such_table does not exist',
    );
  });
});
