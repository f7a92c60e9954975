import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { cspPlugin, SECURITY_HEADERS } from './build/csp-plugin.ts';
import { offlinePlugin } from './build/offline-plugin.ts';

/** Vite builds the static site: the app, its workers and every .wasm file come from our own origin. */
export default defineConfig({
  base: './',
  plugins: [svelte(), cspPlugin(), offlinePlugin()],
  resolve: {
    alias: {
      // DuckDB-WASM's synchronous build for use inside our own worker (not in the package's export map).
      'duckdb-browser-blocking': fileURLToPath(
        new URL('./node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs', import.meta.url),
      ),
    },
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
  },
  optimizeDeps: {
    exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'],
  },
  // The preview server sends the headers of `_headers`, as a host that honours that file does.
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: SECURITY_HEADERS },
  server: { host: '127.0.0.1', port: 5173 },
});
