import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import type { ParquetCodec } from '../../../src/engine/parquet-codec';
import { Lake } from '../../../src/lake/lake';
import { DiskStorage } from '../../../src/node/disk-storage';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import type { Storage } from '../../../src/lake/storage/types';
import { runPipelineOnLake } from '../../../src/pipeline/run-pipeline';
import { MODELS } from '../../../src/pipeline/registry';
import { dropSessionTables } from '../../../src/service/session-tables';
import { generateToLanding } from '../../../src/sources/generator/generate-to-landing';
import { SourceJob } from '../../../src/sources/ingest/source-job';
import { Sources } from '../../../src/sources/sources';

const ROOT = resolve(__dirname, '../../..');
const SAMPLE = join(ROOT, 'tests/fixtures/olist-sample');
const GOLD = MODELS.filter((m) => m.layer === 'gold').map((m) => m.name);
const work = mkdtempSync(join(tmpdir(), 'cli-test-'));

/** Run the command as a user would, from the repository: `node bin/pocket-lakehouse.mjs …`. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('node', ['bin/pocket-lakehouse.mjs', ...args], { cwd: ROOT }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let engines: Array<{ engine: DuckDbEngine; parquet: ParquetCodec }>;

/** A lake over `storage` on one of the file's two DuckDB-WASM engines, with nothing of an earlier lake loaded. */
async function lakeOn(index: number, storage: Storage): Promise<{ engine: DuckDbEngine; lake: Lake }> {
  const { engine, parquet } = engines[index];
  await dropSessionTables(engine);
  const lake = new Lake({ engine, parquet, storage });
  await lake.forget();
  return { engine, lake };
}

/** The browser's way: the same files ingested and the pipeline run on DuckDB-WASM, in memory. */
async function wasmPipeline(folder: string) {
  const storage = new MemoryStorage();
  const wasm = await lakeOn(0, storage);
  const files = readdirSync(folder)
    .sort()
    .map((name) => new File([readFileSync(join(folder, name))], name));
  await new Sources({ ...wasm, storage }).ingestFiles(files, new SourceJob('test'));
  await runPipelineOnLake(wasm.lake, wasm.engine);
  return { ...wasm, storage };
}

/** Every file of a folder with its size and modification time: "what was written". */
function filesOf(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name);
      const info = statSync(path);
      return `${path.slice(folder.length)}:${info.size}:${info.mtimeMs}`;
    })
    .sort();
}

/** The first commit's schema of a table, as Spark reads it. */
async function schemaString(storage: Storage, table: string): Promise<string> {
  const [layer, name] = table.split('.');
  const text = new TextDecoder().decode(
    await storage.read(`tables/${layer}/${name}/_delta_log/00000000000000000000.json`),
  );
  const meta = text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { metaData?: { schemaString: string } })
    .find((a) => a.metaData);
  return meta!.metaData!.schemaString;
}

/**
 * Rows with every fractional number rounded to 12 significant digits: native DuckDB sums doubles
 * on several threads, DuckDB-WASM on one, so an average may differ in its last bit or two.
 */
function comparable(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v,
      ]),
    ),
  );
}

/** The CLI's lake folder, opened with the app's Lake reader, holds the Gold rows of the WASM pipeline. */
async function expectSameGold(lakeDir: string, wasm: { engine: DuckDbEngine; lake: Lake; storage: Storage }) {
  const rowsOf = async (side: { engine: DuckDbEngine; lake: Lake }, table: string) => {
    await side.lake.ensureLoaded(table);
    return comparable(await side.engine.query(`select * from ${table} order by all`));
  };
  const disk = new DiskStorage(lakeDir);
  const opened = await lakeOn(1, disk);
  for (const table of GOLD) {
    const expected = await rowsOf(wasm, table);
    expect(await rowsOf(opened, table), table).toEqual(expected);
    expect(await schemaString(disk, table), table).toBe(await schemaString(wasm.storage, table));
  }
  const rows = await opened.engine.query<{ n: number }>('select count(*)::int as n from gold.daily_sales');
  expect(rows[0].n).toBeGreaterThan(0);
}

beforeAll(async () => {
  engines = [await bootNodeEngine(), await bootNodeEngine()];
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('pocket-lakehouse run on the real sample files', () => {
  const lakeDir = join(work, 'sample-lake');
  let first: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    first = await cli('run', SAMPLE, '--lake', lakeDir);
  }, 300_000);

  it('ingests every file and runs every model, a line for each', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Pocket Lakehouse on native DuckDB v\d+\.\d+\.\d+: 9 input files → /);
    expect(
      lines.some((l) =>
        /^Bronze {2}olist_orders_dataset.csv → bronze.olist_orders version 0: 4,071 rows \(\d+\.\d s\)$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(
      lines.filter((l) => /^(Silver|Gold) +\S+ → version 0: [\d,]+ rows \(\d+\.\d s\)$/.test(l)),
    ).toHaveLength(MODELS.length);
    expect(lines.at(-1)).toMatch(
      /^Done in \d+\.\d s: 9 files ingested, 20 models ran, 0 up to date\. Delta tables in /,
    );
  });

  it('writes Delta tables the app reads with the Gold rows and schemas of the browser pipeline', async () => {
    await expectSameGold(lakeDir, await wasmPipeline(SAMPLE));
  }, 300_000);

  it('writes nothing on a second run over the same files', async () => {
    const before = filesOf(lakeDir);
    const again = await cli('run', SAMPLE, '--lake', lakeDir);
    expect(again.code).toBe(0);
    const lines = again.stdout.trim().split('\n');
    expect(lines).toContain(
      'Bronze  olist_orders_dataset.csv: already ingested — the same content is landing/olist/olist_orders_dataset.csv, in bronze.olist_orders version 0. Nothing new was written.',
    );
    expect(lines.at(-1)).toMatch(
      /^Nothing new: every file is already in Bronze and all 20 models are up to date\. Nothing was written \(\d+\.\d s\)\.$/,
    );
    expect(filesOf(lakeDir)).toEqual(before);
  }, 300_000);
});

describe('pocket-lakehouse run on a generated shop', () => {
  it('writes the Gold rows the browser pipeline computes from the same files', async () => {
    const shop = join(work, 'shop');
    await generateToLanding(new DiskStorage(shop), { scale: 0.01, seed: 11 });
    const files = join(shop, 'landing', 'olist');
    const lakeDir = join(work, 'shop-lake');
    const run = await cli('run', files, '--lake', lakeDir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('20 models ran');
    await expectSameGold(lakeDir, await wasmPipeline(files));
  }, 300_000);
});

describe('pocket-lakehouse run on bad input', () => {
  it('says what is wrong with each file in the app’s words, runs no pipeline and writes no table', async () => {
    const folder = join(work, 'bad');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'notes.csv'), 'a,b\n1,2\n');
    writeFileSync(
      join(folder, 'olist_orders_dataset.csv'),
      readFileSync(join(SAMPLE, 'olist_orders_dataset.csv')).subarray(0, 300),
    );
    const lakeDir = join(work, 'bad-lake');
    const run = await cli('run', folder, '--lake', lakeDir);
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split('\n').slice(1)).toEqual([
      'Bronze  notes.csv: not recognised as an Olist file: its header (a, b) matches none of the nine Olist files. Nothing was ingested.',
      'Bronze  olist_orders_dataset.csv: the file is cut off in line 2: its last row has 6 of 8 fields and no line break, so the file looks truncated (an interrupted download or copy). Nothing was ingested.',
      '1 Olist file could not be ingested (see above); the pipeline did not run. Fix the file and run again: files already in Bronze are not read twice.',
    ]);
    expect(readdirSync(lakeDir)).toEqual([]);
  }, 300_000);

  it('refuses a missing input with the usage', async () => {
    const run = await cli('run', join(work, 'nowhere'), '--lake', join(work, 'l'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^\S+nowhere: no such file or folder\n\nUsage: pocket-lakehouse run /);
  }, 120_000);
});
