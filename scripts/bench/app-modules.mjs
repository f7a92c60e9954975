// The app's own TypeScript modules (and their `?raw` SQL) in Node, through Vite's SSR loader: the
// benchmark runs the very code the browser runs, with no build step and no second copy.
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Start Vite in middleware mode; `load('/src/…')` imports a module, `close()` stops Vite. */
export async function openAppModules() {
  const server = await createServer({
    root: ROOT,
    configFile: `${ROOT}/vite.config.ts`,
    server: { middlewareMode: true, hmr: false, watch: null },
    appType: 'custom',
    logLevel: 'error',
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  return {
    load: (path) => server.ssrLoadModule(path),
    close: () => server.close(),
  };
}

/** The app's exports the native side of the benchmark drives, in one object. */
export async function loadBenchModules(modules) {
  const pick = async (path, names) => {
    const module = await modules.load(path);
    return Object.fromEntries(names.map((name) => [name, module[name]]));
  };
  return {
    ...(await pick('/src/engine/sql-quote.ts', ['quoteIdent', 'quoteQualified'])),
    ...(await pick('/src/engine/arrow-ipc.ts', ['formatTimestamp'])),
    ...(await pick('/src/sources/olist-files.ts', ['OLIST_FILES', 'EVENT_COLUMNS'])),
    ...(await pick('/src/sources/generator/generate-to-landing.ts', ['generateToLanding'])),
    ...(await pick('/src/sources/simulator/simulator-runner.ts', ['SimulatorRunner'])),
    ...(await pick('/src/sources/simulator/read-catalog.ts', ['readCatalog'])),
    ...(await pick('/src/sources/simulator/catalog.ts', ['NO_FAULTS', 'DEMO_FAULTS'])),
    ...(await pick('/src/node/disk-storage.ts', ['DiskStorage'])),
    ...(await pick('/src/node/native-model-store.ts', ['NativeModelStore'])),
    ...(await pick('/src/pipeline/runner/pipeline-runner.ts', ['PipelineRunner'])),
  };
}
