import * as duckdb from 'duckdb-browser-blocking';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import initParquet, * as parquetWasm from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { BootStages } from './boot-stages';
import type { DuckDbModuleMessage } from './duckdb-module';
import { spawnBrowserEncodeWorker } from './browser-encode-worker';
import { DuckDbEngine } from './duckdb-engine';
import { createWorkerParquetCodec } from './encode-worker-codec';
import { BROWSER_MEMORY_LIMIT } from './memory-limit';
import { createParquetCodec, type ParquetCodec } from './parquet-codec';

/**
 * Start DuckDB-WASM (blocking build) and parquet-wasm inside the current worker, and the Parquet
 * encode worker beside it (encoding falls back to this worker when that one cannot start). Every
 * `.wasm` file comes from our own bundle: nothing is fetched from another origin. DuckDB runs
 * under BROWSER_MEMORY_LIMIT. DuckDB's fetch and compile (the longest step) starts at once,
 * beside parquet-wasm's, not after it; each step's time goes into `stages`.
 */
export async function bootBrowserEngine(
  stages: BootStages,
  fromPage: Promise<DuckDbModuleMessage> | null = null,
): Promise<{ engine: DuckDbEngine; parquet: ParquetCodec }> {
  const parquet = createWorkerParquetCodec({
    spawn: spawnBrowserEncodeWorker,
    local: createParquetCodec(parquetWasm),
    onFallback: (reason) => console.warn(`Parquet files are encoded in the engine worker: ${reason.message}`),
  });
  parquet.start();
  const startDuckDb = async () => {
    const bindings = await duckdb.createDuckDB(
      { mvp: { mainModule: mvpWasmUrl, mainWorker: '' }, eh: { mainModule: ehWasmUrl, mainWorker: '' } },
      new duckdb.VoidLogger(),
      duckdb.BROWSER_RUNTIME,
    );
    // The page compiled the module while this worker's script loaded: then only instantiate it here.
    const page = fromPage ? await stages.time('DuckDB-WASM module from the page', () => fromPage) : null;
    const compiled = page?.module ? instantiateFrom(bindings, page.module, page.url) : false;
    await stages.time(
      compiled
        ? 'DuckDB-WASM instantiate (compiled by the page)'
        : 'DuckDB-WASM fetch, compile and instantiate',
      () => bindings.instantiate(() => {}),
    );
    await stages.time('DuckDB open', () => bindings.open({}));
    return stages.time(
      'DuckDB settings',
      () => new DuckDbEngine(bindings, { memoryLimit: BROWSER_MEMORY_LIMIT }),
    );
  };
  const [engine] = await Promise.all([
    startDuckDb(),
    stages.time('parquet-wasm init', () => initParquet({ module_or_path: parquetWasmUrl })),
  ]);
  return { engine, parquet };
}

/** What DuckDB-WASM's bindings hand Emscripten, and the runtime their imports call into. */
interface EmscriptenHooks {
  readonly mainModuleURL: string;
  readonly _runtime: unknown;
  instantiateWasm(
    imports: WebAssembly.Imports,
    success: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
  ): unknown;
}

/**
 * Make the bindings instantiate a module compiled from `url` instead of fetching and compiling
 * their `.wasm` (what their own `instantiateWasm` does, after setting the runtime DuckDB's imports
 * use) — only when they picked that very file (the exception-handling build the page compiles).
 * Returns whether they will.
 */
function instantiateFrom(bindings: duckdb.DuckDBBindings, module: WebAssembly.Module, url: string): boolean {
  const hooks = bindings as unknown as EmscriptenHooks;
  const absolute = (href: string) => new URL(href, self.location.href).href;
  if (absolute(hooks.mainModuleURL) !== absolute(url)) return false;
  hooks.instantiateWasm = (imports, success) => {
    (globalThis as { DUCKDB_RUNTIME?: unknown }).DUCKDB_RUNTIME = hooks._runtime;
    void WebAssembly.instantiate(module, imports).then((instance) => success(instance, module));
    return {};
  };
  return true;
}
