import type { EncodeReport } from '../engine/parquet-codec';
import { quoteQualified } from '../engine/sql-quote';
import type { BootStage, BootStages } from '../engine/boot-stages';
import type { ServiceDeps, WithDeps } from './service-deps';

/** The engine worker's WebAssembly memory, for the benchmark (it never shrinks: the peak so far). */
export interface WasmMemory {
  duckdbBytes: number;
  /** parquet-wasm's, the engine worker's plus the running encode worker's (ended when idle). */
  parquetBytes: number;
  /** The running encode worker's part of `parquetBytes`. */
  parquetEncodeWorkerBytes: number;
}

/** Timing of a Parquet save or load, for the benchmark. */
export interface ParquetTiming {
  rows: number;
  bytes: number;
  queryMs: number;
  parquetMs: number;
  storageMs: number;
}

/** Probes for the benchmark and the curious: Parquet round trips and the WebAssembly memories. Not used by the UI. */
export function createDebugService(
  ready: Promise<{ deps: ServiceDeps; bootMs: number }>,
  withDeps: WithDeps,
  stages: BootStages,
) {
  return {
    /** The engine worker's start-up, step by step (not queued). */
    async bootStages(): Promise<BootStage[]> {
      return stages.list();
    },

    /** Run a query and store its result as one zstd Parquet file. */
    saveParquet(query: string, path: string): Promise<ParquetTiming> {
      return withDeps(async ({ engine, parquet, storage }) => {
        const t0 = performance.now();
        const ipc = await engine.queryArrow(query);
        const t1 = performance.now();
        const bytes = await parquet.write(ipc);
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

    /**
     * Where Parquet files were encoded so far: in the encode worker or (its fallback, or small
     * requests) in the engine worker; null when the codec has no encode worker. Not queued.
     */
    async encodeReport(): Promise<EncodeReport | null> {
      const { deps } = await ready;
      return deps.parquet.encodeReport?.() ?? null;
    },

    /** Size of DuckDB's and parquet-wasm's WebAssembly memories (not queued: readable while a job runs). */
    async wasmMemory(): Promise<WasmMemory> {
      const { deps } = await ready;
      return {
        duckdbBytes: deps.engine.wasmMemoryBytes(),
        parquetBytes: deps.parquet.wasmMemoryBytes(),
        parquetEncodeWorkerBytes: deps.parquet.encodeWorkerMemoryBytes(),
      };
    },
  };
}
