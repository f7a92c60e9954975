// The benchmark's scenarios (issue 6). `kind` says how the browser runs it; `native: true` adds
// the native DuckDB reference over the same input files. Seeds are fixed: same seed, same bytes.

const SEED = 2018;
const BATCH = 100_000;

/** The scenarios of the "time against data" chart. */
export const SCALE_SERIES = ['scale-0.1', 'scale-0.3', 'full-1m', 'scale-1.0'];

/** Every scenario of a full run, in run order. */
export const FULL_SCENARIOS = [
  { name: 'demo', kind: 'demo', native: true, title: 'Run demo (window.lakehouse.runDemo)' },
  { name: 'demo-click', kind: 'demo-click', native: false, title: '"Run demo" click to the first chart' },
  sources('scale-0.1', 0.1, 1),
  sources('scale-0.3', 0.3, 10),
  upload(
    'olist-full',
    1.0,
    'Full-size Olist (scale 1.0, no events): the nine CSVs on "Upload Olist files" to "Pipeline complete", against a plain DuckDB script and pandas',
  ),
  sources('scale-1.0', 1.0, 30),
  {
    ...sources(
      'full-1m',
      1.0,
      10,
      'Full scale, 1M events (the 2.5× and 1.5× targets), then a reload to the Dashboard',
    ),
    reload: true,
  },
  {
    ...sources(
      'incremental',
      0.1,
      1,
      'Incremental run after one new batch of 10,000 events, then time travel and Z-order (scale 0.1)',
    ),
    incrementalEvents: 10_000,
    lakeOps: { versions: 20, appendRows: 500, reads: 5, zorderFiles: 8 },
  },
  {
    ...sources('scale-1.0-10m', 1.0, 100, 'Scale 1.0 and 10,000,000 events (one run; native with 1 thread)'),
    maxRuns: 1,
    nativeThreads: [1],
  },
];

/** The smoke run: the same code paths at a size that takes seconds. */
export const SMOKE_SCENARIOS = [
  { name: 'demo', kind: 'demo', native: true, title: 'Run demo (window.lakehouse.runDemo)' },
  { name: 'demo-click', kind: 'demo-click', native: false, title: '"Run demo" click to the first chart' },
  {
    ...sources('tiny', 0.01, 1, 'Scale 0.01 and 2,000 events, then 500 more, time travel and Z-order'),
    eventsPerBatch: 2_000,
    incrementalEvents: 500,
    lakeOps: { versions: 3, appendRows: 20, reads: 1, zorderFiles: 2 },
    reload: true,
  },
  upload(
    'upload-tiny',
    0.01,
    'Scale 0.01 through "Upload Olist files", against the DuckDB script and pandas',
  ),
];

const ALIASES = { 'time-travel': 'incremental', zorder: 'incremental', 'lake-ops': 'incremental' };

/**
 * The scenarios to run: the smoke set, the named ones, or all of a full run. The demo's size and
 * seed come from the app's own DEMO_SETTINGS.
 */
export function selectScenarios(flags, demoSettings) {
  const all = flags.smoke ? SMOKE_SCENARIOS : FULL_SCENARIOS;
  let chosen = all;
  if (flags.scenarios) {
    const names = [...new Set(flags.scenarios.map((n) => ALIASES[n] ?? n))];
    const known = new Set([...FULL_SCENARIOS, ...SMOKE_SCENARIOS].map((s) => s.name));
    const unknown = names.filter((n) => !known.has(n));
    if (unknown.length) {
      throw new Error(
        `Unknown scenario ${unknown.join(', ')}; known: ${[...known, ...Object.keys(ALIASES)].join(', ')}`,
      );
    }
    chosen = [...FULL_SCENARIOS, ...SMOKE_SCENARIOS].filter(
      (s, i, list) => names.includes(s.name) && list.findIndex((t) => t.name === s.name) === i,
    );
  }
  return chosen.map((s) =>
    s.kind === 'demo' || s.kind === 'demo-click' ? { ...s, ...demoSettings, faults: 'demo' } : s,
  );
}

/** The nine CSVs of a scale uploaded as a user would; compared with the two peer scripts. */
function upload(name, scale, title) {
  return { name, kind: 'upload', native: false, peers: true, title, scale, seed: SEED, batches: 0 };
}

function sources(name, scale, batches, title) {
  const events = batches * BATCH;
  return {
    name,
    kind: 'sources',
    native: true,
    title: title ?? `Scale ${scale}, ${events.toLocaleString('en-US')} events`,
    scale,
    seed: SEED,
    batches,
    eventsPerBatch: BATCH,
    faults: 'none',
  };
}
