#!/usr/bin/env node
// `pocket-lakehouse run <input> --lake <dir>`: the app's own TypeScript modules (and their `?raw`
// SQL models) loaded in Node through Vite's SSR loader, as the benchmark does — no build step, the
// very code the browser runs, with native DuckDB as its engine.
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

// Output piped into `head` and closed early is not an error of ours.
process.stdout.on('error', (error) => process.exit(error.code === 'EPIPE' ? 0 : 1));

const root = fileURLToPath(new URL('..', import.meta.url));
const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  server: { middlewareMode: true, hmr: false, ws: false, watch: null },
  appType: 'custom',
  optimizeDeps: { noDiscovery: true, include: [] },
});
let code = 1;
try {
  const { main } = await server.ssrLoadModule('/src/node/main.ts');
  code = await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await server.close();
}
process.exit(code);
