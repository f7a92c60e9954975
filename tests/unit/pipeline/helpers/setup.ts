import { bootNodeEngine } from '../../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../../src/engine/duckdb-engine';
import { PipelineRunner } from '../../../../src/pipeline/runner/pipeline-runner';
import { DuckDbTableStore } from '../../../../src/pipeline/store/duckdb-table-store';
import { appendBronze, type BronzeBatch } from './bronze';

/** A fresh DuckDB-WASM engine with a table store and a runner over it. */
export interface PipelineHarness {
  engine: DuckDbEngine;
  store: DuckDbTableStore;
  runner: PipelineRunner;
}

/** Boot a real DuckDB-WASM engine and put a pipeline over plain DuckDB tables on it. */
export async function bootPipeline(): Promise<PipelineHarness> {
  const { engine } = await bootNodeEngine();
  const store = new DuckDbTableStore(engine);
  return { engine, store, runner: new PipelineRunner(store) };
}

/** Append each batch to its Bronze table, in order. */
export async function ingest(store: DuckDbTableStore, batches: readonly BronzeBatch[]): Promise<void> {
  for (const b of batches) await appendBronze(store, b);
}
