import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import type { ParquetCodec } from '../../../src/engine/parquet-codec';
import type { SqlValue } from '../../../src/engine/types';
import { Lake } from '../../../src/lake/lake';
import { scratchSql } from '../../../src/lake/names';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { bootNodeEngine } from '../../../src/node/boot-node';
import { Sources } from '../../../src/sources/sources';
import { job, SAMPLE_DIR, sampleFile } from './helpers/fixture';

/** The statement that copies a write's rows into the writer's own scratch table. */
const WRITER_COPY = `TABLE ${scratchSql('__rows')} AS`;

let booted: { engine: DuckDbEngine; parquet: ParquetCodec };

beforeAll(async () => {
  booted = await bootNodeEngine();
});

/** Sources and a lake over fresh storage whose engine notes every statement it runs. */
async function recordingSources() {
  const statements: string[] = [];
  const engine = new Proxy(booted.engine, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      if (key === 'exec' || key === 'query' || key === 'queryArrow')
        return (sql: string, params?: SqlValue[]) => {
          statements.push(sql);
          return (value as (sql: string, params?: SqlValue[]) => unknown).call(target, sql, params);
        };
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
  const storage = new MemoryStorage();
  const lake = new Lake({ engine, parquet: booted.parquet, storage });
  await lake.dropAll();
  return { engine, lake, statements, sources: new Sources({ engine, lake, storage }) };
}

const copies = (statements: string[]) => statements.filter((s) => s.includes(WRITER_COPY)).length;

describe('a Bronze commit of a file read by read_csv', () => {
  it('takes the staged rows as they are (no copy), with the landing path and one ingestion time in every row', async () => {
    const { sources, lake, engine, statements } = await recordingSources();
    const [report] = await sources.ingestFiles([sampleFile('olist_sellers_dataset.csv')], job());
    expect(report).toMatchObject({ status: 'ingested', rows: 3095, version: 0 });
    expect(copies(statements)).toBe(0);
    await lake.ensureLoaded('bronze.olist_sellers');
    const [row] = await engine.query(
      `select count(*)::int as n, count(distinct _source_file)::int as files, any_value(_source_file) as source,
              count(distinct _ingested_at)::int as times, count(_ingested_at)::int as timed
       from bronze.olist_sellers`,
    );
    expect(row).toEqual({ n: 3095, files: 1, source: report.landingPath, times: 1, timed: 3095 });
  });

  it('copies the rows when the file lands under another name than the one it was staged for', async () => {
    const { sources, lake, engine, statements } = await recordingSources();
    const full = readFileSync(join(SAMPLE_DIR, 'olist_sellers_dataset.csv'), 'utf8');
    const firstLines = new TextEncoder().encode(full.split('\n').slice(0, 11).join('\n') + '\n');
    await sources.ingestFiles([sampleFile('olist_sellers_dataset.csv', firstLines)], job());
    expect(copies(statements)).toBe(0);
    // The name is taken by other bytes now: this file lands as olist_sellers_dataset.<hash>.csv.
    const [report] = await sources.ingestFiles([sampleFile('olist_sellers_dataset.csv')], job());
    expect(report).toMatchObject({ status: 'ingested', rows: 3095, version: 1 });
    expect(report.landingPath).toMatch(/^landing\/olist\/olist_sellers_dataset\.[0-9a-f]{8}\.csv$/);
    expect(copies(statements)).toBe(1);
    await lake.ensureLoaded('bronze.olist_sellers');
    const counts = await engine.query(
      'select _source_file as f, count(*)::int as n from bronze.olist_sellers group by 1 order by 2',
    );
    expect(counts).toEqual([
      { f: 'landing/olist/olist_sellers_dataset.csv', n: 10 },
      { f: report.landingPath, n: 3095 },
    ]);
  });
});
