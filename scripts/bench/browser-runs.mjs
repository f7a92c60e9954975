// One browser run of a scenario, in a fresh profile: the steps go through window.lakehouse (the
// app's own automation surface), each stamped with epoch-millisecond times so memory samples and
// main-thread long tasks can be attributed to the stage or model that was running.
import { openFreshApp } from './browser-app.mjs';
import { hashLanded, longTasksBetween, mainThreadSince, opfsBytes, wasmMemory } from './browser-probes.mjs';
import { peakBetween, sampleRendererMemory } from './rss-sampler.mjs';
import { runLakeOps } from './browser-lake-ops.mjs';
import { pipelineStages } from './pipeline-stages.mjs';
import { profileCommits } from './browser-profile.mjs';
import { watchPage } from './browser-watch.mjs';
import { reloadToDashboard, showDashboard } from './browser-reload.mjs';
import { uploadAndRun } from './browser-upload.mjs';
import { formatMb } from './stats.mjs';

const CHART = 'section[aria-labelledby="dashboard-heading"] .plot svg';

/** A run that takes longer is stopped and reported as failed (a stuck tab must not stall the rest). */
const RUN_TIMEOUT_MS = 90 * 60_000;

/** Run one scenario once in a fresh profile; resolves with its stages, windows and figures. */
export async function runBrowserScenario(url, scenario, constants) {
  const session = await openFreshApp(url);
  const sampler = sampleRendererMemory(session.profileDir);
  const watch = watchPage(session.page);
  const opened = Date.now();
  let samples = [];
  let timer;
  try {
    const run = await Promise.race([
      RUNNERS[scenario.kind](session.page, scenario, constants),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`timed out after ${RUN_TIMEOUT_MS / 60_000} min`)),
          RUN_TIMEOUT_MS,
        );
      }),
    ]);
    samples = sampler.stop();
    // A reload started the page's probes again: what they saw before it was kept in the run.
    const now = await mainThreadSince(session.page, opened);
    const before = run.mainThreadBefore ?? { longTasks: [], frames: [], heap: [] };
    delete run.mainThreadBefore;
    const main = {
      longTasks: [...before.longTasks, ...now.longTasks],
      frames: [...before.frames, ...now.frames],
      heap: [...before.heap, ...now.heap],
    };
    run.wasm = await wasmMemory(session.page);
    run.extra = { ...run.extra, memoryLimit: await memoryLimit(session.page) };
    return attributeWindows(run, samples, main);
  } catch (error) {
    const taken = samples.length ? samples : sampler.stop();
    const first = String(error?.message ?? error).split('\n')[0];
    throw new Error(`${first} ${lastWords(watch.last(), taken, opened)}`, { cause: error });
  } finally {
    clearTimeout(timer);
    watch.stop();
    if (samples.length === 0) sampler.stop();
    await session.close();
  }
}

/** DuckDB's memory_limit in the engine worker, as DuckDB states it (e.g. "2.5 GiB"). */
async function memoryLimit(page) {
  const [row] = await page.evaluate(() =>
    window.lakehouse.sql("select current_setting('memory_limit') as m"),
  );
  return row?.m ?? null;
}

/** What the tab was doing when a run failed: its status, its memory and when. */
function lastWords(reading, samples, opened) {
  const rss = samples.filter((s) => s.bytes > 0).at(-1);
  const parts = [
    reading?.status ? `last status "${reading.status}"` : null,
    reading?.wasm ? `DuckDB WebAssembly memory ${formatMb(reading.wasm.duckdbBytes)}` : null,
    rss ? `renderer RSS ${formatMb(rss.bytes)} ${Math.round((rss.at - opened) / 1000)} s into the run` : null,
    samples.length ? `peak renderer RSS ${formatMb(Math.max(...samples.map((s) => s.bytes)))}` : null,
  ].filter(Boolean);
  return parts.length ? `(${parts.join('; ')})` : '';
}

const RUNNERS = {
  /** window.lakehouse.runDemo(), as the header's button runs it. */
  async demo(page) {
    const from = Date.now();
    const demo = await page.evaluate(() => window.lakehouse.runDemo());
    const to = Date.now();
    const bytes = await opfsBytes(page);
    const run = fromPipeline(demo.pipeline, to - demo.pipelineMs);
    const bronzeRows = await page.evaluate(async () =>
      (await window.lakehouse.engine.lake.listTables())
        .filter((t) => t.layer === 'bronze')
        .reduce((sum, t) => sum + (t.numRecords ?? 0), 0),
    );
    run.stages.sources = {
      ms: demo.generateMs + demo.simulateMs,
      rows: bronzeRows,
      bytes: (bytes.landing ?? 0) + (bytes['tables/bronze'] ?? 0),
    };
    run.stages.silver.bytes = bytes['tables/silver'] ?? 0;
    run.stages.gold.bytes = bytes['tables/gold'] ?? 0;
    run.windows.sources = [[from, from + demo.generateMs + demo.simulateMs]];
    run.windows.total = [[from, to]];
    run.totalMs = demo.totalMs;
    run.bytesByArea = bytes;
    run.extra = { landedFiles: await hashLanded(page) };
    return run;
  },

  /** Click "Run demo" and time until the Dashboard shows its first chart (an SVG). */
  async 'demo-click'(page) {
    // Epoch ms of the click, of the demo's end (the status says "Pipeline complete"), of the first chart.
    const times = await page.evaluate(async (chart) => {
      const runDemo = () =>
        [...document.querySelectorAll('button')].find((b) => b.textContent.includes('demo'));
      const button = runDemo();
      if (!button) throw new Error('No "Run demo" button');
      const clicked = performance.timeOrigin + performance.now();
      button.click();
      let demoDone = null;
      // A MutationObserver sees each change as the DOM takes it, before the next task (a timer
      // would wait behind the Dashboard's drawing and see both at once).
      await new Promise((resolve, reject) => {
        const observer = new MutationObserver(() => {
          const status = document.querySelector('[role="status"]')?.textContent ?? '';
          if (demoDone === null && status.includes('Pipeline complete'))
            demoDone = performance.timeOrigin + performance.now();
          if (document.querySelector(chart)) {
            observer.disconnect();
            resolve();
          } else if (/failed/i.test(status)) {
            observer.disconnect();
            reject(new Error(`Run demo: ${status}`));
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      return { clicked, demoDone, chart: performance.timeOrigin + performance.now() };
    }, CHART);
    const demoDone = times.demoDone ?? times.chart;
    return {
      stages: { demo: { ms: demoDone - times.clicked }, dashboard: { ms: times.chart - demoDone } },
      windows: {
        total: [[times.clicked, times.chart]],
        // The demo itself (generate, simulate, pipeline), then the Dashboard's queries and charts.
        demo: [[times.clicked, demoDone]],
        dashboard: [[demoDone, times.chart]],
      },
      models: [],
      totalMs: times.chart - times.clicked,
      extra: { clickToChartMs: times.chart - times.clicked, dashboardMs: times.chart - demoDone },
    };
  },

  /** The nine CSVs on "Upload Olist files", then "Run pipeline", to "Pipeline complete". */
  async upload(page, scenario, constants) {
    const run = await uploadAndRun(page, scenario.inputFiles);
    if (scenario.reload) await withReload(page, run, constants);
    return run;
  },

  /** Generate, simulate and run the pipeline at a scale (and, for incremental, one batch more). */
  async sources(page, scenario, constants) {
    const base = await sourcesAndPipeline(page, scenario, constants);
    if (scenario.reload) await withReload(page, base, constants);
    if (constants.profile) base.extra.profile = await profileCommits(page);
    if (!scenario.incrementalEvents) return base;
    const increment = await incrementalRun(page, scenario, constants);
    increment.extra = {
      base: { stages: base.stages, pipelineMs: base.pipelineMs },
      // The reload ran after the base build: keep its figure where the reports look for it.
      ...(base.extra.reloadToDashboardMs !== undefined
        ? {
            reloadToDashboardMs: base.extra.reloadToDashboardMs,
            reloadEngineReadyMs: base.extra.reloadEngineReadyMs,
            reloadUnrememberedMs: base.extra.reloadUnrememberedMs,
          }
        : {}),
      landedFiles: await hashLanded(page),
      // Time travel and the Z-order lookup, over silver.orders after small appends.
      ...(scenario.lakeOps ? await runLakeOps(page, scenario.lakeOps, constants) : {}),
    };
    return increment;
  },
};

/**
 * Reload the built lakehouse onto the Dashboard, as a returning user who had looked at it: its
 * time (charts from remembered answers), the engine's start, and a second reload with nothing
 * remembered (every chart waits for the engine) go into `run`, each with its window, as does the
 * Dashboard's first draw after the pipeline. With --profile, the engine worker's start-up steps of the first (ms from the
 * reload: when each began, how long).
 */
async function withReload(page, run, constants) {
  const dashboard = await showDashboard(page);
  // A reload starts the page's probes again: keep what they saw before each one.
  const seen = [await mainThreadSince(page, 0)];
  const reload = await reloadToDashboard(page);
  let stages = [];
  if (constants.profile) stages = await page.evaluate(() => window.lakehouse.engine.debug.bootStages());
  seen.push(await mainThreadSince(page, 0));
  const unremembered = await reloadToDashboard(page, { forget: true });
  run.mainThreadBefore = {
    longTasks: seen.flatMap((s) => s.longTasks),
    frames: seen.flatMap((s) => s.frames),
    heap: seen.flatMap((s) => s.heap),
  };
  run.stages.dashboard = { ms: dashboard.ms };
  run.stages.reload = { ms: reload.ms };
  run.stages.reloadUnremembered = { ms: unremembered.ms };
  run.windows.dashboard = [dashboard.window];
  run.windows.reload = [reload.window];
  run.windows.reloadUnremembered = [unremembered.window];
  run.extra.reloadToDashboardMs = reload.ms;
  run.extra.reloadEngineReadyMs = reload.engineReadyMs;
  run.extra.reloadUnrememberedMs = unremembered.ms;
  if (constants.profile) {
    run.extra.reloadBootStages = stages.map((s) => ({
      name: s.name,
      fromReloadMs: Math.round(s.at - reload.window[0]),
      ms: Math.round(s.ms),
    }));
  }
}

async function sourcesAndPipeline(page, scenario, constants) {
  const bytes0 = await opfsBytes(page);
  const t0 = Date.now();
  const olist = await page.evaluate((o) => window.lakehouse.engine.sources.generateOlist(o), {
    scale: scenario.scale,
    seed: scenario.seed,
  });
  const t1 = Date.now();
  const events = await simulate(page, scenario.batches, scenario.eventsPerBatch, scenario, constants);
  const bytes1 = await opfsBytes(page);
  const t2 = Date.now();
  const pipeline = await page.evaluate(() => window.lakehouse.runPipeline());
  const t3 = Date.now();
  const bytes2 = await opfsBytes(page);
  const run = fromPipeline(pipeline, t2);
  const olistRows = sumRows(olist.reports);
  const eventRows = events ? sumRows(events.summary.reports) : 0;
  const generateMs = t1 - t0 - olist.ingestMs + (events ? events.wallMs - events.summary.ingestMs : 0);
  run.stages.generate = {
    ms: generateMs,
    rows: olistRows + eventRows,
    bytes: delta(bytes0, bytes1, 'landing'),
  };
  run.stages.bronze = {
    ms: olist.ingestMs + (events?.summary.ingestMs ?? 0),
    rows: olistRows + eventRows,
    bytes: delta(bytes0, bytes1, 'tables/bronze'),
  };
  run.stages.silver.bytes = delta(bytes1, bytes2, 'tables/silver');
  run.stages.gold.bytes = delta(bytes1, bytes2, 'tables/gold');
  run.windows.generate = [[t0, t1 - olist.ingestMs]];
  run.windows.bronze = [[t1 - olist.ingestMs, t1]];
  if (events) {
    run.windows.generate.push([events.from, events.to - events.summary.ingestMs]);
    run.windows.bronze.push([events.to - events.summary.ingestMs, events.to]);
  }
  run.windows.total = [[t0, t3]];
  run.bytesByArea = bytes2;
  run.extra = { landedFiles: await hashLanded(page) };
  return run;
}

/** One more batch of events, its ingestion, and the pipeline run it triggers. */
async function incrementalRun(page, scenario, constants) {
  const bytes0 = await opfsBytes(page);
  const events = await simulate(page, 1, scenario.incrementalEvents, scenario, constants);
  const bytes1 = await opfsBytes(page);
  const from = Date.now();
  const pipeline = await page.evaluate(() => window.lakehouse.runPipeline());
  const bytes2 = await opfsBytes(page);
  const run = fromPipeline(pipeline, from);
  const rows = sumRows(events.summary.reports);
  run.stages.generate = {
    ms: events.wallMs - events.summary.ingestMs,
    rows,
    bytes: delta(bytes0, bytes1, 'landing'),
  };
  run.stages.bronze = { ms: events.summary.ingestMs, rows, bytes: delta(bytes0, bytes1, 'tables/bronze') };
  run.stages.silver.bytes = delta(bytes1, bytes2, 'tables/silver');
  run.stages.gold.bytes = delta(bytes1, bytes2, 'tables/gold');
  run.windows.generate = [[events.from, events.to - events.summary.ingestMs]];
  run.windows.bronze = [[events.to - events.summary.ingestMs, events.to]];
  run.windows.total = [[events.from, Date.now()]];
  run.bytesByArea = bytes2;
  return run;
}

async function simulate(page, batches, eventsPerBatch, scenario, constants) {
  if (batches === 0) return null;
  const from = Date.now();
  const summary = await page.evaluate((o) => window.lakehouse.engine.sources.simulateEvents(o), {
    batches,
    eventsPerBatch,
    seed: scenario.seed,
    faults: constants.faults[scenario.faults],
  });
  const to = Date.now();
  return {
    summary: { ...summary, simulation: { ...summary.simulation, batches: undefined } },
    from,
    to,
    wallMs: to - from,
  };
}

/** Stages, windows and models from a pipeline run that started at `startedAt` (epoch ms). */
function fromPipeline(pipeline, startedAt) {
  const { stages, models } = pipelineStages(pipeline);
  const windows = { pipeline: [[startedAt, startedAt + pipeline.elapsedMs]] };
  for (const layer of ['silver', 'gold']) {
    windows[layer] = models
      .filter((m) => m.layer === layer)
      .map((m) => [m.startedAtMs, m.startedAtMs + m.ms]);
  }
  for (const m of models) windows[`model:${m.model}`] = [[m.startedAtMs, m.startedAtMs + m.ms]];
  return { stages, models, windows, pipelineMs: pipeline.elapsedMs };
}

/** Peak renderer memory, main-thread heap and long tasks of each stage and model, from their windows. */
function attributeWindows(run, samples, main) {
  const over = (windows, pick) => windows.map(([from, to]) => pick(from, to));
  const figures = (windows) => {
    const rss = over(windows, (f, t) => peakBetween(samples, f, t)).filter((v) => v !== null);
    const heap = over(windows, (f, t) => peakBetween(main.heap, f, t)).filter((v) => v !== null);
    const tasks = over(windows, (f, t) => longTasksBetween(main.longTasks, main.frames, f, t));
    const longest = tasks.reduce((max, t) => (max && max.longestMs >= t.longestMs ? max : t), null);
    return {
      peakRssBytes: rss.length ? Math.max(...rss) : null,
      mainHeapBytes: heap.length ? Math.max(...heap) : null,
      longTasks: {
        count: tasks.reduce((n, t) => n + t.count, 0),
        longestMs: longest?.longestMs ?? 0,
        ...(longest?.longestCause ? { longestCause: longest.longestCause } : {}),
      },
    };
  };
  const attributed = { ...run, figures: {} };
  for (const [name, windows] of Object.entries(run.windows)) attributed.figures[name] = figures(windows);
  delete attributed.windows;
  return attributed;
}

function sumRows(reports) {
  return reports.reduce((n, r) => n + (r.rows ?? 0), 0);
}

function delta(before, after, area) {
  return (after[area] ?? 0) - (before[area] ?? 0);
}
