import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { offlinePlugin } from './build/offline-plugin.ts';

/** Vite builds the static site: the app, its workers and every .wasm file come from our own origin. */
export default defineConfig({
  base: './',
  plugins: [svelte(), offlinePlugin()],
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
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  server: { host: '127.0.0.1', port: 5173 },
});
