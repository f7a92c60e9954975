// One native run of a scenario, in its own process (so its peak memory is its own): the app's
// generator and simulator write the landing files (or an earlier run's files are reused), native
// DuckDB reads them into Bronze, and the same model files run Bronze -> Gold on NativeModelStore,
// which writes every table as zstd Parquet. Usage: node native-child.mjs <job.json>; the result
// is written to job.resultPath.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBenchModules, openAppModules } from './app-modules.mjs';
import { loadEventsBronze, loadOlistBronze } from './native-bronze.mjs';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { scenario, threads, workDir } = job;
const inputRoot = job.inputsDir ?? workDir;
const fresh = !job.inputsDir;

const modules = await openAppModules();
try {
  const app = await loadBenchModules(modules);
  const result = await runScenario(app);
  writeFileSync(job.resultPath, JSON.stringify(result));
} finally {
  await modules.close();
}

async function runScenario(app) {
  mkdirSync(workDir, { recursive: true });
  const store = await app.NativeModelStore.open({ parquetDir: join(workDir, 'parquet') });
  try {
    if (!Number.isInteger(threads) || threads < 1)
      throw new Error(`threads must be a positive integer: ${threads}`);
    await store.engine.exec(`set threads = ${threads}`); // SET takes no parameters; an integer checked above
    const faults = scenario.faults === 'demo' ? app.DEMO_FAULTS : app.NO_FAULTS;
    const storage = new app.DiskStorage(inputRoot);
    const stages = {};

    let started = performance.now();
    const generation = fresh
      ? await app.generateToLanding(storage, { scale: scenario.scale, seed: scenario.seed })
      : null;
    const olistGenerateMs = fresh ? performance.now() - started : null;

    started = performance.now();
    const bronzeRows = await loadOlistBronze(app, store, inputRoot);
    const olistBronzeMs = performance.now() - started;
    const olistRows = sum(Object.values(bronzeRows));

    let eventsGenerateMs = null;
    if (fresh && scenario.batches > 0) {
      started = performance.now();
      const catalog = await app.readCatalog(store, store.engine);
      await new app.SimulatorRunner(storage).run(catalog, {
        batches: scenario.batches,
        eventsPerBatch: scenario.eventsPerBatch,
        seed: scenario.seed,
        faults,
      });
      eventsGenerateMs = performance.now() - started;
    }
    started = performance.now();
    const events = await loadEventsBronze(app, store, inputRoot, 1, scenario.batches);
    const eventsBronzeMs = performance.now() - started;

    stages.generate = fresh
      ? {
          ms: olistGenerateMs + (eventsGenerateMs ?? 0),
          rows: olistRows + events,
          bytes: dirBytes(join(inputRoot, 'landing')),
        }
      : null;
    stages.bronze = {
      ms: olistBronzeMs + eventsBronzeMs,
      rows: olistRows + events,
      bytes: layerBytes('bronze'),
    };
    const peakAfterSources = peakRss();

    const pipeline = await new app.PipelineRunner(store).run();
    const bytesAfterPipeline = {
      silver: layerBytes('silver'),
      gold: layerBytes('gold'),
      meta: layerBytes('meta'),
    };

    const incremental = scenario.incrementalEvents ? await runIncremental(app, store, storage, faults) : null;
    return {
      threads,
      fresh,
      stages,
      parts: {
        olistGenerateMs,
        eventsGenerateMs,
        olistBronzeMs,
        eventsBronzeMs,
        generateMs: generation?.generateMs ?? null,
      },
      bronzeRows: { ...bronzeRows, 'bronze.events': events },
      pipeline,
      bytes: bytesAfterPipeline,
      peakRssBytes: { sources: peakAfterSources, total: peakRss() },
      incremental,
      landedFiles: fresh ? hashLanded(inputRoot) : null,
    };
  } finally {
    store.engine.close();
  }
}

/** One more event batch, its Bronze append, and the incremental pipeline run it triggers. */
async function runIncremental(app, store, storage, faults) {
  const seq = scenario.batches + 1;
  let generateMs = null;
  let started = performance.now();
  if (fresh) {
    const catalog = await app.readCatalog(store, store.engine);
    await new app.SimulatorRunner(storage).run(catalog, {
      batches: 1,
      eventsPerBatch: scenario.incrementalEvents,
      seed: scenario.seed,
      faults,
    });
    generateMs = performance.now() - started;
  }
  // The watermark of silver.events is the Bronze ingestion time, in whole seconds.
  await waitForNextSecond();
  started = performance.now();
  const rows = await loadEventsBronze(app, store, inputRoot, seq, seq);
  const bronzeMs = performance.now() - started;
  const pipeline = await new app.PipelineRunner(store).run();
  return { generateMs, bronzeMs, rows, pipeline };
}

function layerBytes(layer) {
  return dirBytes(join(workDir, 'parquet', layer));
}

function dirBytes(path) {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = join(path, entry.name);
    total += entry.isDirectory() ? dirBytes(full) : statSync(full).size;
  }
  return total;
}

/** SHA-256 of every landed input file, by landing path, to compare with the browser's. */
function hashLanded(root) {
  const hashes = {};
  for (const folder of ['landing/olist', 'landing/events']) {
    const path = join(root, folder);
    if (!existsSync(path)) continue;
    for (const name of readdirSync(path).sort()) {
      hashes[`${folder}/${name}`] = createHash('sha256')
        .update(readFileSync(join(root, folder, name)))
        .digest('hex');
    }
  }
  return hashes;
}

function peakRss() {
  return process.resourceUsage().maxRSS * 1024;
}

function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}

function waitForNextSecond() {
  return new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
}
