import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootNodeEngine } from '../../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../../src/engine/duckdb-engine';
import type { ParquetCodec } from '../../../../src/engine/parquet-codec';
import { Lake } from '../../../../src/lake/lake';
import { MemoryStorage } from '../../../../src/lake/storage/memory-storage';
import type { Storage } from '../../../../src/lake/storage/types';
import { SourceJob } from '../../../../src/sources/ingest/source-job';
import { BRONZE_TABLES } from '../../../../src/sources/olist-files';
import { Sources } from '../../../../src/sources/sources';

/** The real Olist sample files, read-only. */
export const SAMPLE_DIR = join(__dirname, '../../../fixtures/olist-sample');

let booted: Promise<{ engine: DuckDbEngine; parquet: ParquetCodec }> | null = null;

/** A lake over fresh memory storage (the engine is booted once per test file). */
export async function freshSources(storage: Storage = new MemoryStorage()) {
  booted ??= bootNodeEngine();
  const { engine, parquet } = await booted;
  const lake = new Lake({ engine, parquet, storage });
  await lake.dropAll();
  return { engine, lake, storage, sources: new Sources({ engine, lake, storage }) };
}

/** The same storage opened again, as a reloaded tab would: a new Lake, new caches. */
export async function reopened(storage: Storage) {
  const { engine, parquet } = await booted!;
  const lake = new Lake({ engine, parquet, storage });
  return { engine, lake, storage, sources: new Sources({ engine, lake, storage }) };
}

/** A File holding a sample file's bytes (or any bytes). */
export function sampleFile(name: string, bytes: Uint8Array = readFileSync(join(SAMPLE_DIR, name))): File {
  return new File([bytes as Uint8Array<ArrayBuffer>], name);
}

/** A job nobody cancels. */
export function job(): SourceJob {
  return new SourceJob('test');
}

/** Every Bronze table's latest version (-1 when absent) and every stored path: "what changed". */
export async function snapshotOf(lake: Lake, storage: Storage) {
  const versions: Record<string, number> = {};
  for (const table of BRONZE_TABLES) versions[table] = await lake.latestVersion(table);
  const files = (await storage.list('')).map((f) => `${f.path}:${f.size}`);
  return { versions, files };
}
