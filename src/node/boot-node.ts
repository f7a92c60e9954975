import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type {
  DuckDBBindings,
  DuckDBBundles,
  DuckDBConfig,
  DuckDBRuntime,
  Logger,
} from 'duckdb-browser-blocking';
import { DuckDbEngine, type EngineOptions } from '../engine/duckdb-engine';
import type { ParquetCodec, ParquetWasmModule } from '../engine/parquet-codec';
import { nodeParquetCodec } from './node-encode-worker';

const require = createRequire(import.meta.url);

/** The parts of `duckdb-node-blocking.cjs` we use (its own typings are not in the export map). */
interface NodeBlockingBuild {
  createDuckDB(bundles: DuckDBBundles, logger: Logger, runtime: DuckDBRuntime): Promise<DuckDBBindings>;
  VoidLogger: new () => Logger;
  NODE_RUNTIME: DuckDBRuntime;
}

/**
 * DuckDB-WASM (Node blocking build) and parquet-wasm, for unit tests and Node scripts; Parquet is
 * encoded in a worker thread, as the browser encodes it in a worker of its own. `config` is
 * DuckDB-WASM's open configuration (tests use it to make DuckDB answer "retry" at once); `options`
 * the engine's own (a memory limit, as the browser engine has).
 */
export async function bootNodeEngine(
  config: DuckDBConfig = {},
  options: EngineOptions = {},
): Promise<{ engine: DuckDbEngine; parquet: ParquetCodec }> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as NodeBlockingBuild;
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bindings = await duckdb.createDuckDB(
    {
      mvp: {
        mainModule: join(dist, 'duckdb-mvp.wasm'),
        mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs'),
      },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await bindings.instantiate(() => {});
  bindings.open(config);
  const pq = require('parquet-wasm/node') as ParquetWasmModule;
  return { engine: new DuckDbEngine(bindings, options), parquet: nodeParquetCodec(pq) };
}
