import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openFiles } from '../../../src/service/open-files';
import { failure, lakeFixture, rows, type LakeFixture } from './helpers';
import { LAKE_DATABASE } from '../../../src/lake/names';

let fx: LakeFixture;

beforeAll(async () => {
  fx = await lakeFixture();
});

const open = (files: File[]) => openFiles(fx, files, new Set());
const text = (name: string, body: string) => new File([body], name);

/** A DuckDB database file with two tables, written by native DuckDB (the same storage format as DuckDB-WASM's). */
async function duckdbFile(): Promise<File> {
  const path = join(mkdtempSync(join(tmpdir(), 'open-duckdb-')), 'shop.duckdb');
  const db = await DuckDBInstance.create(path);
  const conn = await db.connect();
  await conn.run(`CREATE TABLE customers AS SELECT * FROM (VALUES (1, 'Ana'), (2, 'Bruno')) t(id, name)`);
  await conn.run(`CREATE TABLE orders AS SELECT range AS id, range % 2 + 1 AS customer FROM range(5)`);
  conn.closeSync();
  db.closeSync();
  return new File([readFileSync(path)], 'shop.duckdb');
}

describe('"Open files": files as read-only external tables', () => {
  it('a Parquet file becomes external.<file name>, one CREATE TABLE commit naming the file', async () => {
    const ipc = await fx.engine.queryArrow(
      `SELECT range::INTEGER AS id, 'item ' || range AS label FROM range(3)`,
    );
    const bytes = await fx.parquet.write(ipc);
    const [opened] = await open([new File([bytes as Uint8Array<ArrayBuffer>], 'Sales 2024.parquet')]);
    expect(opened).toMatchObject({ table: 'external.sales_2024', version: 0, files: 1 });
    await fx.lake.ensureLoaded('external.sales_2024');
    expect(await rows(fx.engine, 'SELECT id, label FROM external.sales_2024 ORDER BY id')).toEqual([
      { id: 0, label: 'item 0' },
      { id: 1, label: 'item 1' },
      { id: 2, label: 'item 2' },
    ]);
    const [entry] = await fx.lake.history('external.sales_2024');
    expect(entry).toMatchObject({
      operation: 'CREATE TABLE',
      operationParameters: { source: 'Sales 2024.parquet', format: 'parquet' },
    });
    expect((await failure(fx.lake.deleteWhere('external.sales_2024', 'id = 0'))).name).toBe('ReadOnlyTable');
  });

  it('CSV and TSV files that are not Olist files are read by read_csv, types sniffed', async () => {
    const opened = await open([
      text('budget.csv', 'month,category,amount\n2024-01,food,12.5\n2024-02,rent,800\n'),
      text('people.tsv', 'name\tage\nAna\t31\nBruno\t40\n'),
    ]);
    expect(opened.map((o) => o.table)).toEqual(['external.budget', 'external.people']);
    await fx.lake.ensureLoaded('external.budget');
    await fx.lake.ensureLoaded('external.people');
    expect(await rows(fx.engine, 'SELECT sum(amount) AS total FROM external.budget')).toEqual([
      { total: 812.5 },
    ]);
    expect(await rows(fx.engine, 'SELECT name, age FROM external.people ORDER BY age')).toEqual([
      { name: 'Ana', age: 31 },
      { name: 'Bruno', age: 40 },
    ]);
  });

  it('newline-delimited JSON is parsed here: a column per key, typed by its values, nested values as JSON text', async () => {
    const [opened] = await open([
      text(
        'events.jsonl',
        '{"id": 1, "ok": true, "score": 1.5, "tags": ["a"], "user": "ana"}\n\n{"id": 2, "ok": false, "score": 2, "extra": {"x": 1}}\n',
      ),
    ]);
    expect(opened.table).toBe('external.events');
    await fx.lake.ensureLoaded('external.events');
    const types = await rows(fx.engine, 'DESCRIBE external.events');
    expect(types.map((t) => `${String(t.column_name)} ${String(t.column_type)}`)).toEqual([
      'id BIGINT',
      'ok BOOLEAN',
      'score DOUBLE',
      'tags VARCHAR',
      'user VARCHAR',
      'extra VARCHAR',
    ]);
    expect(await rows(fx.engine, 'SELECT id, tags, "user", extra FROM external.events ORDER BY id')).toEqual([
      { id: 1, tags: '["a"]', user: 'ana', extra: null },
      { id: 2, tags: null, user: null, extra: '{"x":1}' },
    ]);
    expect(await rows(fx.engine, 'SELECT ok, score FROM external.events ORDER BY id')).toEqual([
      { ok: true, score: 1.5 },
      { ok: false, score: 2 },
    ]);
  });

  it('a DuckDB database file is attached read-only: one external table per table in it', async () => {
    const opened = await open([await duckdbFile()]);
    expect(opened.map((o) => o.table)).toEqual(['external.shop_customers', 'external.shop_orders']);
    await fx.lake.ensureLoaded('external.shop_orders');
    expect(await rows(fx.engine, 'SELECT count(*)::INT AS n FROM external.shop_orders')).toEqual([{ n: 5 }]);
    // The file was detached once its tables were copied: only the session's own databases remain.
    expect(
      await rows(fx.engine, 'SELECT database_name FROM duckdb_databases() WHERE NOT internal ORDER BY 1'),
    ).toEqual([{ database_name: LAKE_DATABASE }, { database_name: 'memory' }]);
  });

  it('names are made unique against the tables there are', async () => {
    const [opened] = await openFiles(fx, [text('budget.csv', 'a,b\n1,2\n')], new Set(['budget']));
    expect(opened.table).toBe('external.budget_2');
  });

  it('one unreadable file refuses them all, naming it and the problem; nothing is opened', async () => {
    const before = await fx.lake.listTables();
    const result = await failure(
      open([text('fine.csv', 'a,b\n1,2\n'), text('bad.jsonl', '{"id": 1}\n{"id": 2,\n')]),
    );
    expect(result.name).toBe('UnreadableFile');
    expect(result.message).toMatch(/^bad\.jsonl: line 2 is not JSON \(.+\)\. Nothing was opened\.$/);
    expect(await fx.lake.listTables()).toEqual(before);
    expect(await failure(open([text('list.json', '[1, 2]')]))).toEqual({
      name: 'UnreadableFile',
      message: 'list.json: item 1 of its array is not a JSON object. Nothing was opened.',
    });
    expect(await failure(open([text('notes.md', '# hi')]))).toEqual({
      name: 'UnsupportedFile',
      message:
        'notes.md: it is none of the formats "Open files" reads (Parquet, CSV or TSV, newline-delimited JSON, a ' +
        'DuckDB database). Nothing was opened.',
    });
    expect(await failure(open([text('broken.parquet', 'PAR1 not really')]))).toMatchObject({
      name: 'UnreadableFile',
    });
    expect(await fx.lake.listTables()).toEqual(before);
  });

  it('an Olist file is sent to "Upload Olist files"', async () => {
    const header =
      'seller_id,seller_zip_code_prefix,seller_city,seller_state\n3442f8959a84dea7ee197c632cb2df15,13023,campinas,SP\n';
    expect(await failure(open([text('olist_sellers_dataset.csv', header)]))).toEqual({
      name: 'UnreadableFile',
      message:
        'olist_sellers_dataset.csv: it is the Olist file olist_sellers_dataset.csv: upload it with "Upload Olist ' +
        'files" to ingest it into Bronze. Nothing was opened.',
    });
  });
});
