// Runs -> one summary per scenario: per side (browser, native 1 thread, native N threads) the
// median of every figure over the runs — except peaks and long tasks, where the worst run
// counts — then rows/s and the browser / native ratios.
import { median, ratio } from './stats.mjs';

/** The stages of a run, in report order. */
export const STAGES = [
  'generate',
  'bronze',
  'sources',
  'silver',
  'gold',
  'pipeline',
  'bronzeToGold',
  'demo',
  'dashboard',
  'total',
  'reload',
  'reloadUnremembered',
];

/** The peers of the "same job" comparison (scenarios with `peers`). */
export const PEER_SIDES = ['duckdb-script', 'pandas'];

/** Summarize the runs of one scenario: `runs` is a list of { side, run, result | error }. */
export function summarizeScenario(scenario, runs) {
  const sides = {};
  for (const side of [...new Set(runs.map((r) => r.side))]) {
    const ofSide = runs.filter((r) => r.side === side);
    const ok = ofSide.filter((r) => r.result).map((r) => flatten(withDerivedStages(r.result)));
    sides[side] = {
      runs: ofSide.length,
      failures: ofSide.filter((r) => r.error).map((r) => r.error),
      ...(ok.length ? withRates(unflatten(aggregate(ok))) : {}),
    };
  }
  const ratios = {};
  for (const side of Object.keys(sides).filter((s) => s !== 'browser')) {
    ratios[side] = {};
    for (const stage of STAGES) {
      ratios[side][stage] = ratio(
        sides.browser?.stages?.[stage]?.ms ?? null,
        sides[side]?.stages?.[stage]?.ms ?? null,
      );
    }
  }
  return {
    name: scenario.name,
    title: scenario.title,
    scenario,
    sides,
    ratios,
    inputsMatch: inputsMatch(runs),
    rowsMatch: rowsMatch(sides),
    peersMatch: peersMatch(sides),
  };
}

/**
 * Whether each peer wrote as many rows into each Gold table as the browser (the same job done):
 * null when the scenario has no peers, else per peer the tables compared and those that differ.
 */
function peersMatch(sides) {
  const browser = sides.browser?.extra?.goldRows;
  const peers = PEER_SIDES.filter((side) => sides[side]?.extra?.goldRows);
  if (!browser || peers.length === 0) return null;
  return Object.fromEntries(
    peers.map((side) => {
      const theirs = sides[side].extra.goldRows;
      const tables = Object.keys(theirs);
      const differing = tables
        .filter((t) => (browser[t] ?? 0) !== theirs[t])
        .map((t) => ({ table: t, browser: browser[t] ?? 0, peer: theirs[t] }));
      return [side, { tables: tables.length, differing }];
    }),
  );
}

/** sources = generate + Bronze, bronzeToGold = Bronze + the pipeline run, total = all of it. */
function withDerivedStages(result) {
  const stages = { ...result.stages };
  const ms = (name) => stages[name]?.ms ?? null;
  const sum = (...values) => (values.every((v) => v !== null) ? values.reduce((a, b) => a + b, 0) : null);
  if (!stages.sources && ms('generate') !== null && ms('bronze') !== null) {
    stages.sources = { ms: sum(ms('generate'), ms('bronze')), rows: stages.bronze.rows };
  }
  if (result.pipelineMs !== undefined) {
    stages.pipeline = {
      ms: result.pipelineMs,
      rows: sum(stages.silver?.rows ?? null, stages.gold?.rows ?? null),
    };
    if (ms('bronze') !== null) stages.bronzeToGold = { ms: sum(ms('bronze'), result.pipelineMs) };
  }
  const total = result.totalMs ?? sum(ms('sources'), result.pipelineMs ?? null);
  if (total !== null) stages.total = { ms: total };
  for (const [name, figures] of Object.entries(result.figures ?? {})) {
    if (name.startsWith('model:')) continue;
    stages[name] = { ...stages[name], ...figures };
  }
  const models = Object.fromEntries(
    (result.models ?? []).map((m) => [m.model, { ...m, ...(result.figures?.[`model:${m.model}`] ?? {}) }]),
  );
  const memory = {
    peakRssBytes: result.figures?.total?.peakRssBytes ?? result.peakRssBytes ?? null,
    peakWasmDuckdbBytes: result.wasm?.duckdbBytes ?? null,
    peakWasmParquetBytes: result.wasm?.parquetBytes ?? null,
  };
  return { stages, models, memory, extra: numericExtra(result.extra) };
}

function withRates(summary) {
  for (const group of [summary.stages ?? {}, summary.models ?? {}]) {
    for (const entry of Object.values(group)) {
      const rows = entry.rows ?? entry.rowsOut;
      entry.rowsPerSec = rows && entry.ms ? (rows * 1000) / entry.ms : null;
    }
  }
  return summary;
}

/** Keep the numeric figures of `extra` (time travel, Z-order, click to chart), not file hashes. */
function numericExtra(extra = {}) {
  const { landedFiles: _files, base: _base, ...rest } = extra;
  return rest;
}

/**
 * Compare the landed files' SHA-256 of each browser run with its native run: null when no pair
 * was compared, else how many files were compared and which differed.
 */
function inputsMatch(runs) {
  const byRun = new Map();
  for (const r of runs.filter((x) => x.result?.extra?.landedFiles)) {
    if (!byRun.has(r.run)) byRun.set(r.run, {});
    byRun.get(r.run)[r.side] = r.result.extra.landedFiles;
  }
  const pairs = [...byRun.values()].filter((pair) => pair.browser && pair['native-1']);
  if (pairs.length === 0) return null;
  const differing = new Set();
  let files = 0;
  for (const { browser, 'native-1': native } of pairs) {
    const paths = new Set([...Object.keys(browser), ...Object.keys(native)]);
    files = Math.max(files, paths.size);
    for (const path of paths) if (browser[path] !== native[path]) differing.add(path);
  }
  return { identical: differing.size === 0, files, differing: [...differing].sort() };
}

/** Models whose output rows differ between the browser and native (1 thread); null when not compared. */
function rowsMatch(sides) {
  const browser = sides.browser?.models;
  const native = sides['native-1']?.models;
  if (!browser || !native) return null;
  const differing = Object.keys(browser)
    .filter((name) => native[name] && browser[name].rowsOut !== native[name].rowsOut)
    .map((name) => ({ model: name, browser: browser[name].rowsOut, native: native[name].rowsOut }));
  return { identical: differing.length === 0, models: Object.keys(browser).length, differing };
}

function aggregate(flatRuns) {
  const out = {};
  const paths = new Set(flatRuns.flatMap((r) => Object.keys(r)));
  for (const path of paths) {
    const values = flatRuns.map((r) => r[path]).filter((v) => typeof v === 'number' && Number.isFinite(v));
    if (values.length === 0) continue;
    out[path] = /peak|longest|longTasks/i.test(path) ? Math.max(...values) : median(values);
  }
  for (const path of paths) {
    if (out[path] !== undefined) continue;
    const text = flatRuns.map((r) => r[path]).find((v) => typeof v === 'string');
    if (text !== undefined) out[path] = text;
  }
  // What the longest task was is told of the run whose longest task it is (the worst run's).
  for (const path of paths) {
    if (!path.endsWith(`${SEP}longestCause`)) continue;
    const msPath = path.replace(/longestCause$/, 'longestMs');
    const worst = flatRuns
      .filter((r) => typeof r[path] === 'string')
      .reduce((max, r) => (max && max[msPath] >= r[msPath] ? max : r), null);
    if (worst) out[path] = worst[path];
  }
  return out;
}

// Paths join keys with a tab: model names hold dots (silver.orders).
const SEP = '\t';

function flatten(value, prefix = '', out = {}) {
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) flatten(v, `${prefix}${key}${SEP}`, out);
  } else if (value !== undefined && value !== null) out[prefix.slice(0, -SEP.length)] = value;
  return out;
}

function unflatten(flat) {
  const root = {};
  for (const [path, value] of Object.entries(flat)) {
    const keys = path.split(SEP);
    let node = root;
    for (const key of keys.slice(0, -1)) node = node[key] ??= {};
    node[keys.at(-1)] = value;
  }
  return root;
}
