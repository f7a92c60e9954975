import * as Comlink from 'comlink';
import { bootBrowserEngine } from '../src/engine/boot-browser';
import { BootStages } from '../src/engine/boot-stages';
import { installErrorTransfer } from '../src/engine/comlink-errors';
import { receiveDuckDbModule } from '../src/engine/duckdb-module';
import { Lake } from '../src/lake/lake';
import { WebTableLocks } from '../src/lake/locks/web-locks';
import { OpfsStorage } from '../src/lake/storage/opfs-storage';
import { createLakehouseService } from '../src/service/lakehouse-service';

// The engine worker: DuckDB-WASM, parquet-wasm and OPFS live here; the UI thread only renders.
// First of all: the page posts DuckDB's compiled module (duckdb-module.ts); this listener takes it.
const duckDbModule = receiveDuckDbModule(self);
installErrorTransfer();
const started = performance.now();
const stages = new BootStages();
// From the worker's creation to its first line: fetching and evaluating its script.
stages.add('engine worker script', 0, started);
const api = createLakehouseService(
  bootBrowserEngine(stages, duckDbModule).then(({ engine, parquet }) => {
    const storage = new OpfsStorage();
    const lake = new Lake({ engine, parquet, storage, locks: new WebTableLocks() });
    return { engine, parquet, storage, lake };
  }),
  started,
  stages,
);
Comlink.expose(api);
