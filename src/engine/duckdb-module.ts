/**
 * DuckDB-WASM's module compiled beside the engine worker, handed to it. The page starts a small
 * worker that fetches and compiles the 34 MB `.wasm` in the page's first lines, while the engine
 * worker's own script is still loading (about half a second on a reload); the engine worker then
 * only instantiates it. The message is posted to the engine worker once, with the compiled module
 * or null (compiling failed): the engine worker then fetches and compiles it itself, as before.
 */
export const DUCKDB_MODULE_MESSAGE = 'pocket-lakehouse:duckdb-module';

/** What the page posts to the engine worker, once. */
export interface DuckDbModuleMessage {
  kind: typeof DUCKDB_MODULE_MESSAGE;
  /** DuckDB's exception-handling build (duckdb-eh.wasm), compiled; null when the page could not. */
  module: WebAssembly.Module | null;
  /** The absolute URL it was compiled from: the worker uses it only when it picked that file. */
  url: string;
}

/** What the page asks the compile worker: the absolute URL of DuckDB's `.wasm`. */
export interface CompileRequest {
  url: string;
}

/** Fetch and compile a `.wasm` (null when it cannot be: no streaming compilation, a failed fetch). */
export function compileDuckDbModule(url: string): Promise<WebAssembly.Module | null> {
  if (typeof WebAssembly.compileStreaming !== 'function') return Promise.resolve(null);
  return WebAssembly.compileStreaming(fetch(url)).catch(() => null);
}

/**
 * In the page: have a short-lived worker compile DuckDB's `.wasm` at `relativeUrl` (from the page;
 * compiling here would decode the bytes on the page's thread, in tasks of 100 ms and more) and post
 * the module to the engine worker (null when it could not be compiled).
 */
export function sendDuckDbModule(engine: Worker, relativeUrl: string, compiler: () => Worker): void {
  const url = new URL(relativeUrl, location.href).href;
  let worker: Worker | null = null;
  let sent = false;
  // Ended from here rather than by itself: with self.close() in the worker, redeploy.spec.ts timed
  // out once (a new build's service worker never took over); ended from here, it passes.
  const post = (module: WebAssembly.Module | null) => {
    if (sent) return;
    sent = true;
    worker?.terminate();
    engine.postMessage({ kind: DUCKDB_MODULE_MESSAGE, module, url } satisfies DuckDbModuleMessage);
  };
  try {
    worker = compiler();
  } catch {
    post(null);
    return;
  }
  worker.addEventListener('message', (event: MessageEvent<WebAssembly.Module | null>) => post(event.data), {
    once: true,
  });
  worker.addEventListener('error', () => post(null), { once: true });
  worker.addEventListener('messageerror', () => post(null), { once: true });
  worker.postMessage({ url } satisfies CompileRequest);
}

/** How long the engine worker waits for the page's module before compiling its own (a lost message). */
export const DUCKDB_MODULE_WAIT_MS = 20_000;

/**
 * In the engine worker, before anything else listens: resolves with the page's message (the
 * message goes no further, so the worker's API never sees it), or with no module after
 * `waitMs` (the worker then fetches and compiles DuckDB itself).
 */
export function receiveDuckDbModule(
  scope: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
  waitMs = DUCKDB_MODULE_WAIT_MS,
): Promise<DuckDbModuleMessage> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      scope.removeEventListener('message', listener);
      resolve({ kind: DUCKDB_MODULE_MESSAGE, module: null, url: '' });
    }, waitMs);
    const listener = (event: Event) => {
      const data = (event as MessageEvent<Partial<DuckDbModuleMessage> | null>).data;
      if (data?.kind !== DUCKDB_MODULE_MESSAGE) return;
      event.stopImmediatePropagation();
      clearTimeout(timer);
      scope.removeEventListener('message', listener);
      resolve(data as DuckDbModuleMessage);
    };
    scope.addEventListener('message', listener);
  });
}
