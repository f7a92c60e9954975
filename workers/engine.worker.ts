import * as Comlink from 'comlink';
import { bootBrowserEngine } from '../src/engine/boot-browser';
import { installErrorTransfer } from '../src/engine/comlink-errors';
import { OpfsStorage } from '../src/lake/storage/opfs-storage';
import { createLakehouseService } from '../src/service/lakehouse-service';

// The engine worker: DuckDB-WASM, parquet-wasm and OPFS live here; the UI thread only renders.
installErrorTransfer();
const started = performance.now();
const api = createLakehouseService(
  bootBrowserEngine().then((runtime) => ({ ...runtime, storage: new OpfsStorage() })),
  started,
);
Comlink.expose(api);

export type EngineApi = typeof api;
