import * as Comlink from 'comlink';
import type { EngineApi } from '../service/contract';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { installErrorTransfer } from '../engine/comlink-errors';
import { sendDuckDbModule } from '../engine/duckdb-module';

/** The engine worker, seen from the UI thread: every call is async and crosses to the worker. */
export type EngineClient = Comlink.Remote<EngineApi>;

let client: EngineClient | null = null;

/**
 * Start the engine worker once and return its typed API. DuckDB's `.wasm` is fetched and compiled
 * by a second, short-lived worker while the engine worker's script loads, and handed to it (see
 * duckdb-module.ts).
 */
export function engineClient(): EngineClient {
  if (!client) {
    installErrorTransfer();
    const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'engine',
    });
    sendDuckDbModule(
      worker,
      ehWasmUrl,
      () =>
        new Worker(new URL('../../workers/compile.worker.ts', import.meta.url), {
          type: 'module',
          name: 'duckdb-compile',
        }),
    );
    client = Comlink.wrap<EngineApi>(worker);
  }
  return client;
}
