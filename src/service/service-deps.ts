import type { DuckDbEngine } from '../engine/duckdb-engine';
import type { ParquetCodec } from '../engine/parquet-codec';
import type { Lake } from '../lake/lake';
import type { Storage } from '../lake/storage/types';
import type { JobOptions } from './serial-queue';

/** What the engine worker is built from. */
export interface ServiceDeps {
  engine: DuckDbEngine;
  parquet: ParquetCodec;
  storage: Storage;
  /** The Delta tables over `storage`, queryable in `engine`. */
  lake: Lake;
}

/** Runs a job with the worker's dependencies, one job at a time (an interactive one may run between two steps of a long one). */
export type WithDeps = <T>(job: (deps: ServiceDeps) => Promise<T>, options?: JobOptions) => Promise<T>;
