import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import { DUCKDB_ROW_GROUP_ROWS } from '../../../src/engine/row-group';
import type { SqlEngine } from '../../../src/engine/types';
import { stageEventBatches } from '../../../src/sources/events/stage-events';
import { stageOlistCsv } from '../../../src/sources/ingest/stage-olist-csv';

// Bronze parsed in JavaScript reaches DuckDB as Arrow batches appended to the staged table. Each
// batch is a whole DuckDB row group (the last one: the rest), wherever the input's chunks or files
// end: a batch ending inside a row group makes the next append to it, several times slower.

let engine: DuckDbEngine;
let batchRows: number[];
/** The engine, with no registered files (so CSVs go to our parser), counting each Arrow batch's rows. */
let counting: SqlEngine;

beforeAll(async () => {
  ({ engine } = await bootNodeEngine());
  counting = {
    exec: (sql, params) => engine.exec(sql, params),
    query: (sql, params) => engine.query(sql, params),
    queryArrow: (sql, params) => engine.queryArrow(sql, params),
    createTableFromArrow: (table, ipc) => {
      batchRows.push(tableFromIPC(ipc).numRows);
      return engine.createTableFromArrow(table, ipc);
    },
    appendArrow: (table, ipc) => {
      batchRows.push(tableFromIPC(ipc).numRows);
      return engine.appendArrow(table, ipc);
    },
  };
});

const ROWS = 2 * DUCKDB_ROW_GROUP_ROWS + 4_240;
const encode = (text: string) => new TextEncoder().encode(text);

/** Rows of `table` whose `column` is not `prefix` + its position in the table: 0 when in order. */
async function outOfOrder(table: string, column: string, prefix: string): Promise<number> {
  const [{ n }] = await engine.query<{ n: number }>(
    `select count(*)::INTEGER as n from ${table} where ${column} <> ? || rowid`,
    [prefix],
  );
  return n;
}

describe('rows parsed in JavaScript reach DuckDB in whole row groups', () => {
  it('a large CSV read by our parser, every row in file order', async () => {
    batchRows = [];
    const lines = Array.from({ length: ROWS }, (_, i) => `s${i},${10000 + (i % 90000)},city ${i % 7},SP`);
    const csv = encode(`seller_id,seller_zip_code_prefix,seller_city,seller_state\n${lines.join('\n')}\n`);
    const staged = await stageOlistCsv(counting, 'sellers.csv', csv, 'main.sellers_staged');
    expect(staged.timings.stagedWith).toBe('parser');
    expect(staged.rows).toBe(ROWS);
    expect(batchRows).toEqual([DUCKDB_ROW_GROUP_ROWS, DUCKDB_ROW_GROUP_ROWS, 4_240]);
    expect(await outOfOrder('main.sellers_staged', 'seller_id', 's')).toBe(0);
  });

  it('event batches whose files end inside a row group, every line in order', async () => {
    batchRows = [];
    const perFile = 100_000;
    const files = [0, 1, 2].map((f) => ({
      path: `landing/events/batch-${f}.jsonl`,
      bytes: encode(
        Array.from({ length: f < 2 ? perFile : ROWS - 2 * perFile }, (_, i) =>
          JSON.stringify({ event_id: `e${f * perFile + i}`, event_type: 'page_view' }),
        ).join('\n'),
      ),
    }));
    const staged = await stageEventBatches(counting, files, 'main.events_staged');
    expect(staged.rows).toBe(ROWS);
    expect(batchRows).toEqual([DUCKDB_ROW_GROUP_ROWS, DUCKDB_ROW_GROUP_ROWS, 4_240]);
    expect(await outOfOrder('main.events_staged', 'event_id', 'e')).toBe(0);
  });

  it('is the row group of the engine we run (read from pragma_storage_info)', async () => {
    await engine.exec('create or replace table main.groups as select i from range(300000) t(i)');
    const [{ rows }] = await engine.query<{ rows: number }>(
      `select max(n)::INTEGER as rows from (
         select row_group_id, sum(count) as n from pragma_storage_info('main.groups')
         where column_path = '[0]' group by row_group_id)`,
    );
    expect(rows).toBe(DUCKDB_ROW_GROUP_ROWS);
  });
});
