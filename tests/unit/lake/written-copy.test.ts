import { beforeEach, describe, expect, it } from 'vitest';
import { DUCKDB_ROW_GROUP_ROWS } from '../../../src/engine/row-group';
import { LOAD_BATCH_ROWS } from '../../../src/lake/read/loader';
import { COPY_BATCH_ROWS } from '../../../src/lake/read/written-copy';
import { countingCodec, resetCounts, type DecodeCounts } from './counting-codec';
import { lakeFixture, loadedCopyDifference, recordingEngine, type LakeFixture } from './helpers';

// A commit's own rows become its loaded copy (or are added to it) without reading its files back,
// and a large write is copied in ranges of COPY_BATCH_ROWS rows, one INSERT each, instead of one
// statement holding every row at once.

const LOADED = '"__lake_tables"."__lake"."silver.numbers"';
/** A create's or overwrite's loaded copy, built before its commit and renamed to LOADED by it. */
const REPLACEMENT = '"__lake_tables"."__lake"."__replacement.silver.numbers"';
const numbers = (from: number, to: number) =>
  `select i::bigint as id, 'p' || (i % 4) as part, 'name ' || i as name from range(${from}, ${to}) t(i)`;

let fx: LakeFixture;
let statements: string[];
const decoded: DecodeCounts = { whole: 0, batched: 0, batches: 0 };

/** Statements that put rows into the loaded copy of silver.numbers (or its replacement) since `from`. */
function copyStatements(from = 0): string[] {
  return statements
    .slice(from)
    .filter(
      (sql) =>
        /^\s*(insert into|create or replace table)/i.test(sql) &&
        (sql.includes(LOADED) || sql.includes(REPLACEMENT)),
    )
    .map((sql) => (/^\s*insert/i.test(sql) ? 'insert' : /\bas\b/i.test(sql) ? 'create as' : 'create'));
}

beforeEach(async () => {
  statements = [];
  const base = await lakeFixture();
  fx = await lakeFixture({
    storage: base.storage,
    engine: recordingEngine(base.engine, statements),
    parquet: countingCodec(base.parquet, decoded),
  });
});

describe("a commit's rows in its loaded copy", () => {
  it("are copied and loaded in whole row groups of DuckDB's, so no INSERT appends to the last one's", () => {
    // An INSERT that ends inside a row group makes the next one append to it: copying 1M rows in
    // 128Ki-row ranges took twice as long as in 120Ki-row ones (DuckDB's row group; that this is
    // the engine's own is checked in row-group-batches.test.ts).
    expect(COPY_BATCH_ROWS % DUCKDB_ROW_GROUP_ROWS).toBe(0);
    expect(LOAD_BATCH_ROWS % DUCKDB_ROW_GROUP_ROWS).toBe(0);
  });

  it('are copied in ranges of rows when a write creates a large table, and read next without decoding', async () => {
    const rows = 2 * COPY_BATCH_ROWS + 1000;
    await fx.lake.write('silver.numbers', { sql: numbers(0, rows), mode: 'overwrite' });
    expect(copyStatements()).toEqual(['create', 'insert', 'insert', 'insert']);
    resetCounts(decoded);
    await fx.lake.ensureLoaded('silver.numbers');
    expect(decoded).toEqual({ whole: 0, batched: 0, batches: 0 });
    expect(
      await fx.engine.query(
        `select count(*)::INTEGER as n, count(distinct id)::INTEGER as ids, sum(id)::BIGINT as total
         from silver.numbers where name = 'name ' || id and part = 'p' || (id % 4)`,
      ),
    ).toEqual([{ n: rows, ids: rows, total: (rows * (rows - 1)) / 2 }]);
    expect(await loadedCopyDifference(fx, 'silver.numbers', decoded)).toBe(0);
  });

  it('are copied in ranges for a partitioned table, each row with the id of its own file', async () => {
    const rows = 3 * COPY_BATCH_ROWS;
    await fx.lake.write('silver.numbers', {
      sql: numbers(0, rows),
      mode: 'overwrite',
      partitionBy: ['part'],
    });
    expect(copyStatements()).toEqual(['create', 'insert', 'insert', 'insert']);
    // A MERGE rewriting the file of one partition deletes that file's rows from the loaded copy:
    // with a wrong file id on a row, the copy would keep an old row or lose one of another file.
    await fx.engine.exec(`create or replace temp table changes as ${numbers(rows - 8, rows + 4)}`);
    await fx.lake.merge('silver.numbers', {
      sourceSql: "select id, part, name || ' again' as name from changes where part = 'p1'",
      keys: ['id'],
    });
    const [loaded] = await fx.engine.query(
      `select count(*)::INTEGER as n, count(*) filter (where name like '% again')::INTEGER as changed
       from silver.numbers`,
    );
    expect(loaded).toEqual({ n: rows + 1, changed: 3 });
    expect(await loadedCopyDifference(fx, 'silver.numbers', decoded)).toBe(0);
  });

  it('are added in ranges when a large append goes into a loaded table, and one INSERT when small', async () => {
    await fx.lake.write('silver.numbers', { sql: numbers(0, 10), mode: 'overwrite' });
    expect(copyStatements()).toEqual(['create', 'insert']);
    const before = statements.length;
    await fx.lake.write('silver.numbers', { sql: numbers(10, 10 + COPY_BATCH_ROWS + 1), mode: 'append' });
    expect(copyStatements(before)).toEqual(['insert', 'insert']);
    resetCounts(decoded);
    await fx.lake.ensureLoaded('silver.numbers');
    expect(decoded).toEqual({ whole: 0, batched: 0, batches: 0 });
    expect(await fx.engine.query('select count(*)::INTEGER as n from silver.numbers')).toEqual([
      { n: 10 + COPY_BATCH_ROWS + 1 },
    ]);
    expect(await loadedCopyDifference(fx, 'silver.numbers', decoded)).toBe(0);
  });
});
