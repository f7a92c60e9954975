import * as Comlink from 'comlink';
import { bootBrowserEngine } from '../src/engine/boot-browser';
import { installErrorTransfer } from '../src/engine/comlink-errors';
import { Lake } from '../src/lake/lake';
import { WebTableLocks } from '../src/lake/locks/web-locks';
import { OpfsStorage } from '../src/lake/storage/opfs-storage';
import { createLakehouseService } from '../src/service/lakehouse-service';

// The engine worker: DuckDB-WASM, parquet-wasm and OPFS live here; the UI thread only renders.
installErrorTransfer();
const started = performance.now();
const api = createLakehouseService(
  bootBrowserEngine().then(({ engine, parquet }) => {
    const storage = new OpfsStorage();
    const lake = new Lake({ engine, parquet, storage, locks: new WebTableLocks() });
    return { engine, parquet, storage, lake };
  }),
  started,
);
Comlink.expose(api);
