import * as duckdb from 'duckdb-browser-blocking';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import initParquet, * as parquetWasm from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { DuckDbEngine } from './duckdb-engine';
import { createParquetCodec, type ParquetCodec } from './parquet-codec';

/**
 * Start DuckDB-WASM (blocking build) and parquet-wasm inside the current worker. Both `.wasm`
 * files come from our own bundle: nothing is fetched from another origin.
 */
export async function bootBrowserEngine(): Promise<{ engine: DuckDbEngine; parquet: ParquetCodec }> {
  const [bindings] = await Promise.all([
    duckdb.createDuckDB(
      { mvp: { mainModule: mvpWasmUrl, mainWorker: '' }, eh: { mainModule: ehWasmUrl, mainWorker: '' } },
      new duckdb.VoidLogger(),
      duckdb.BROWSER_RUNTIME,
    ),
    initParquet({ module_or_path: parquetWasmUrl }),
  ]);
  await bindings.instantiate(() => {});
  bindings.open({});
  return { engine: new DuckDbEngine(bindings), parquet: createParquetCodec(parquetWasm) };
}
