import { compileDuckDbModule, type CompileRequest } from '../src/engine/duckdb-module';

// Compiles DuckDB's .wasm for the engine worker, off the page's thread (streaming compilation
// decodes the bytes on the thread that receives them); the page ends it once the module has come
// (see src/engine/duckdb-module.ts).
self.addEventListener('message', (event: MessageEvent<CompileRequest>) => {
  void compileDuckDbModule(event.data.url).then((module) => self.postMessage(module));
});
