import { quoteQualified } from '../engine/sql-quote';
import type { StorageUsage } from '../lake/storage/types';
import type { ServiceDeps, WithDeps } from './service-deps';

/** Facts about the running engine, shown in the status bar. */
export interface EngineInfo {
  duckdbVersion: string;
  bootMs: number;
}

/** The engine worker's WebAssembly memory, for the benchmark (it never shrinks: the peak so far). */
export interface WasmMemory {
  duckdbBytes: number;
  parquetBytes: number;
}

/** Timing of a Parquet save or load, for the UI and the benchmark. */
export interface ParquetTiming {
  rows: number;
  bytes: number;
  queryMs: number;
  parquetMs: number;
  storageMs: number;
}

/** The engine itself: readiness, cancelling, Parquet files, storage usage (SQL: lake-service). */
export function createCoreService(ready: Promise<{ deps: ServiceDeps; bootMs: number }>, withDeps: WithDeps) {
  return {
    /** Resolves when DuckDB and parquet-wasm are loaded. */
    async info(): Promise<EngineInfo> {
      const { deps, bootMs } = await ready;
      return { duckdbVersion: deps.engine.version(), bootMs };
    },

    /** Stop the statement running now (not queued: it must overtake the call it cancels). */
    async cancelQuery(): Promise<void> {
      (await ready).deps.engine.cancel();
    },

    /** Run a query and store its result as one zstd Parquet file. */
    saveParquet(query: string, path: string): Promise<ParquetTiming> {
      return withDeps(async ({ engine, parquet, storage }) => {
        const t0 = performance.now();
        const ipc = await engine.queryArrow(query);
        const t1 = performance.now();
        const bytes = parquet.write(ipc);
        const t2 = performance.now();
        await storage.write(path, bytes);
        const t3 = performance.now();
        const [{ n }] = await engine.query<{ n: number }>(`select count(*)::int as n from (${query})`);
        return { rows: n, bytes: bytes.byteLength, queryMs: t1 - t0, parquetMs: t2 - t1, storageMs: t3 - t2 };
      });
    },

    /** Load one stored Parquet file into a DuckDB table. */
    loadParquet(path: string, table: string): Promise<ParquetTiming> {
      return withDeps(async ({ engine, parquet, storage }) => {
        const t0 = performance.now();
        const bytes = await storage.read(path);
        const t1 = performance.now();
        await engine.createTableFromArrow(table, parquet.read(bytes));
        const t2 = performance.now();
        const [{ n }] = await engine.query<{ n: number }>(
          `select count(*)::int as n from ${quoteQualified(table)}`,
        );
        return { rows: n, bytes: bytes.byteLength, queryMs: 0, parquetMs: t2 - t1, storageMs: t1 - t0 };
      });
    },

    /** Size of DuckDB's and parquet-wasm's WebAssembly memories (not queued: readable while a job runs). */
    async wasmMemory(): Promise<WasmMemory> {
      const { deps } = await ready;
      return { duckdbBytes: deps.engine.wasmMemoryBytes(), parquetBytes: deps.parquet.wasmMemoryBytes() };
    },

    /** Space used and granted to this origin. */
    storageUsage(): Promise<StorageUsage> {
      return withDeps(({ storage }) => storage.usage());
    },
  };
}
