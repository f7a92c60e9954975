import { mkdtempSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import type { ParquetCodec } from '../../../src/engine/parquet-codec';
import type { SqlEngine } from '../../../src/engine/types';
import { resetCounts, type DecodeCounts } from './counting-codec';
import { Lake, type LakeDeps } from '../../../src/lake/lake';
import { InProcessTableLocks } from '../../../src/lake/locks/table-locks';
import { DiskStorage } from '../../../src/node/disk-storage';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import type { Storage } from '../../../src/lake/storage/types';

/** The golden Delta tables written by Spark and delta-rs. */
export const GOLDEN_DIR = resolve(__dirname, '../../fixtures/delta-golden');

/** Table name in the lake → folder in GOLDEN_DIR. */
export const GOLDEN_TABLES: Record<string, string> = {
  'golden.covid_19_nyt': 'COVID-19_NYT',
  'golden.cdf_table': 'cdf-table',
  'golden.checkpoint_v2_table': 'checkpoint-v2-table',
  'golden.delta_0_8_0': 'delta-0.8.0',
  'golden.delta_0_8_0_null_partition': 'delta-0.8.0-null-partition',
  'golden.delta_0_8_0_partitioned': 'delta-0.8.0-partitioned',
  'golden.delta_live_table': 'delta-live-table',
  'golden.partition_type_primitives': 'partition-type-primitives',
  'golden.simple_table': 'simple_table',
  'golden.simple_table_with_checkpoint': 'simple_table_with_checkpoint',
  'golden.table_with_dv_small': 'table-with-dv-small',
  'golden.table_without_dv_small': 'table-without-dv-small',
  'golden.table_with_column_mapping': 'table_with_column_mapping',
};

/**
 * A disk storage whose `tables/golden/<name>` folders are links to the golden tables (read-only
 * in place: the lake only reads them).
 */
export function goldenStorage(): DiskStorage {
  const root = mkdtempSync(join(tmpdir(), 'lake-golden-'));
  mkdirSync(join(root, 'tables', 'golden'), { recursive: true });
  for (const [table, folder] of Object.entries(GOLDEN_TABLES)) {
    symlinkSync(join(GOLDEN_DIR, folder), join(root, 'tables', 'golden', table.split('.')[1]));
  }
  return new DiskStorage(root);
}

/** A settable clock, so tests control commit times and retention windows. */
export class TestClock {
  constructor(public now = Date.parse('2026-11-25T10:00:00Z')) {}
  readonly read = () => this.now;
  advanceHours(hours: number): void {
    this.now += hours * 3600_000;
  }
}

/** A real engine (DuckDB-WASM + parquet-wasm) and a lake over memory storage. */
export interface LakeFixture {
  engine: DuckDbEngine;
  parquet: ParquetCodec;
  storage: Storage;
  clock: TestClock;
  lake: Lake;
}

let booted: Promise<{ engine: DuckDbEngine; parquet: ParquetCodec }> | null = null;

/** One engine per test file (booting takes seconds); `fresh` boots a separate one (a second tab). */
async function engineFor(fresh: boolean): Promise<{ engine: DuckDbEngine; parquet: ParquetCodec }> {
  if (fresh) return bootNodeEngine();
  booted ??= bootNodeEngine();
  const runtime = await booted;
  // Start from an empty DuckDB: drop what earlier tests of the file created.
  const schemas = await runtime.engine.query<{ name: string }>(
    `select schema_name as name from information_schema.schemata
     where catalog_name = current_database() and schema_name not in ('main', 'information_schema', 'pg_catalog')`,
  );
  for (const { name } of schemas) await runtime.engine.exec(`drop schema "${name}" cascade`);
  const objects = await runtime.engine.query<{ name: string; kind: string }>(
    `select table_name as name, table_type as kind from information_schema.tables where table_schema = 'main'`,
  );
  for (const { name, kind } of objects) {
    await runtime.engine.exec(`drop ${kind === 'VIEW' ? 'view' : 'table'} if exists main."${name}"`);
  }
  return runtime;
}

/**
 * Make a lake over `storage` (memory by default) on the file's engine, or on a fresh one (another
 * tab); `engine` puts a wrapper of that engine (e.g. one recording statements) between it and the lake.
 */
export async function lakeFixture(
  options: Partial<LakeDeps> & { storage?: Storage; freshEngine?: boolean } = {},
): Promise<LakeFixture> {
  const { engine, parquet } = await engineFor(options.freshEngine ?? false);
  const storage = options.storage ?? new MemoryStorage();
  const clock = new TestClock();
  const lake = new Lake({
    engine: options.engine ?? engine,
    parquet: options.parquet ?? parquet,
    storage,
    clock: options.clock ?? clock.read,
    locks: options.locks ?? new InProcessTableLocks(),
    loadedBudgetBytes: options.loadedBudgetBytes,
  });
  return { engine, parquet, storage, clock, lake };
}

/** Rows of a query as plain objects. */
export function rows(engine: DuckDbEngine, sql: string): Promise<Record<string, unknown>[]> {
  return engine.query(sql);
}

/** Expect a promise to fail with a LakehouseError of this name and exactly this message. */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as Error;
    return { name: e.name, message: e.message };
  }
  throw new Error('expected the call to fail, and it succeeded');
}

/** The engine, recording in `statements` the statements the lake runs on it (exec). */
export function recordingEngine(engine: SqlEngine, statements: string[]): SqlEngine {
  return {
    exec: (sql, params) => {
      statements.push(sql);
      return engine.exec(sql, params);
    },
    query: (sql, params) => engine.query(sql, params),
    queryArrow: (sql, params) => engine.queryArrow(sql, params),
    createTableFromArrow: (table, ipc) => engine.createTableFromArrow(table, ipc),
    appendArrow: (table, ipc) => engine.appendArrow(table, ipc),
  };
}

/**
 * Rows of `table`'s loaded copy that its files do not hold, and the other way round (0 when
 * equal): the copy is kept aside, the table read back from its files (`decoded` must count a
 * decode), and the two compared.
 */
export async function loadedCopyDifference(
  fx: LakeFixture,
  table: string,
  decoded: DecodeCounts,
): Promise<number> {
  await fx.engine.exec(`create or replace table main.kept as select * from ${table}`);
  await fx.lake.dropLoadedCopies();
  resetCounts(decoded);
  await fx.lake.ensureLoaded(table);
  if (decoded.whole + decoded.batched === 0) throw new Error(`${table} was not read back from its files`);
  const [{ n }] = await fx.engine.query<{ n: number }>(
    `select count(*)::INTEGER as n from (
       (select * from main.kept except all select * from ${table})
       union all (select * from ${table} except all select * from main.kept))`,
  );
  await fx.engine.exec('drop table main.kept');
  return n;
}
