// The summary as tables: one per scenario (stages), one per scenario's models, the lake
// operations and the targets. The same rows go to stdout (padded text) and docs (Markdown).
import { formatMb, formatMs, formatRatio } from './stats.mjs';
import { STAGES } from './summarize.mjs';

const STAGE_LABELS = {
  generate: 'Generate',
  bronze: 'Bronze',
  sources: 'Generate + Bronze',
  silver: 'Silver',
  gold: 'Gold',
  pipeline: 'Pipeline run (Silver + Gold + lineage)',
  bronzeToGold: 'Bronze → Gold',
  demo: 'The demo (click to its end)',
  dashboard: 'Dashboard queries and charts',
  total: 'Total',
  reload: 'Reload to the Dashboard drawn',
  reloadUnremembered: 'Reload, nothing remembered (every chart waits for the engine)',
};

const PEER_LABELS = {
  'duckdb-script': 'Native DuckDB, one SQL script over the nine CSVs (default threads)',
  pandas: 'pandas, the same Gold tables from the nine CSVs',
};

/** Render rows under headers, as Markdown or as padded text for a terminal. */
export function renderTable(headers, rows, markdown) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '—')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join(markdown ? ' | ' : '  ');
  const out = cells.map((r) => (markdown ? `| ${line(r)} |` : line(r)));
  out.splice(
    1,
    0,
    markdown
      ? `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`
      : widths.map((w) => '-'.repeat(w)).join('  '),
  );
  return out.join('\n');
}

/** Stage by stage: browser figures, native times and the browser / native ratios. */
export function stageRows(summary) {
  const b = summary.sides.browser?.stages ?? {};
  const n1 = summary.sides['native-1']?.stages ?? {};
  const nN = summary.sides['native-N']?.stages ?? {};
  return STAGES.filter((s) => b[s]?.ms !== undefined || n1[s]?.ms !== undefined).map((s) => [
    STAGE_LABELS[s],
    formatMs(b[s]?.ms),
    rate(b[s]?.rowsPerSec),
    formatMb(b[s]?.bytes),
    formatMb(b[s]?.peakRssBytes),
    b[s]?.longTasks ? `${b[s].longTasks.count} / ${formatMs(b[s].longTasks.longestMs)}` : '—',
    formatMs(n1[s]?.ms),
    formatMs(nN[s]?.ms),
    formatRatio(summary.ratios['native-1']?.[s]),
    formatRatio(summary.ratios['native-N']?.[s]),
  ]);
}

/**
 * What the longest task of each stage was (worst run), for the stages whose longest task passed
 * 50 ms: "Reload to the Dashboard drawn: 233 ms, evaluating index.js (119 ms)".
 */
export function longTaskCauses(summary) {
  const b = summary.sides.browser?.stages ?? {};
  return STAGES.filter((s) => b[s]?.longTasks?.longestMs > 50 && b[s].longTasks.longestCause).map(
    (s) => `${STAGE_LABELS[s]}: ${formatMs(b[s].longTasks.longestMs)}, ${b[s].longTasks.longestCause}`,
  );
}

/** The same job side by side (scenarios with peers): each peer's time, and how much slower the browser is. */
export function peerRows(summary) {
  const browser = summary.sides.browser;
  const rows = [];
  for (const [side, label] of Object.entries(PEER_LABELS)) {
    const peer = summary.sides[side];
    if (!peer?.stages) continue;
    rows.push([
      label,
      formatMs(peer.stages.total?.ms),
      formatRatio(summary.ratios[side]?.total),
      formatMb(peer.memory?.peakRssBytes),
    ]);
  }
  if (browser?.stages) {
    const b = browser.stages;
    rows.push([
      `Pocket Lakehouse in Chromium (upload to Bronze ${formatMs(b.bronze?.ms)} + pipeline ${formatMs(b.pipeline?.ms)})`,
      formatMs(b.total?.ms),
      '—',
      formatMb(browser.memory?.peakRssBytes),
    ]);
  }
  return rows;
}

/** Headers of peerRows. */
export const PEER_HEADERS = ['Same job, same files', 'Time', 'browser is', 'peak RSS'];

/** Headers of stageRows, naming the native thread counts. */
export function stageHeaders(cores) {
  return [
    'Stage',
    'Browser',
    'rows/s',
    'to OPFS',
    'peak RSS',
    'long tasks (n / max)',
    'Native 1T',
    `Native ${cores}T`,
    '×1T',
    `×${cores}T`,
  ];
}

/** Model by model: where the browser's time goes (load / build / check / commit) against native. */
export function modelRows(summary) {
  const b = summary.sides.browser?.models ?? {};
  const n1 = summary.sides['native-1']?.models ?? {};
  const nN = summary.sides['native-N']?.models ?? {};
  const names = [...new Set([...Object.keys(b), ...Object.keys(n1)])];
  return names.map((name) => {
    const m = b[name] ?? {};
    const p = m.phaseMs;
    return [
      name,
      formatMs(m.ms),
      p ? [p.load, p.build, p.check, p.commit].map((v) => formatMs(v)).join(' / ') : '—',
      m.rowsOut === undefined ? '—' : Math.round(m.rowsOut).toLocaleString('en-US'),
      rate(m.rowsPerSec),
      formatMs(n1[name]?.ms),
      formatMs(nN[name]?.ms),
      formatRatio(m.ms && n1[name]?.ms ? m.ms / n1[name].ms : null),
    ];
  });
}

/** Headers of modelRows. */
export function modelHeaders(cores) {
  return [
    'Model',
    'Browser',
    'load / build / check / commit',
    'rows out',
    'rows/s',
    'Native 1T',
    `Native ${cores}T`,
    '×1T',
  ];
}

/** Time travel and the Z-order lookup, as label / value rows. */
export function lakeOpsRows(summary) {
  const extra = summary.sides.browser?.extra ?? {};
  const t = extra.timeTravel;
  const z = extra.zorder;
  const rows = [];
  if (t) {
    rows.push([
      `INSERT of ${summary.scenario.lakeOps.appendRows} rows into silver.orders (median)`,
      formatMs(t.appendMs),
    ]);
    const shape = (name, key) =>
      t.rows?.[name] === undefined
        ? ''
        : `: ${Math.round(t.rows[name]).toLocaleString('en-US')} rows${t.loaded?.[key] ? ` in ${t.loaded[key].files} files` : ''}`;
    for (const [name, label] of [
      [
        'old',
        `count(*) VERSION AS OF ${t.oldVersion} (${summary.scenario.lakeOps.versions} versions back${shape('old', 'old')})`,
      ],
      [
        'latestVersion',
        `count(*) VERSION AS OF ${t.latestVersion} (the latest${shape('latestVersion', 'latest')})`,
      ],
      ['latestLoaded', 'count(*) of the latest, already loaded'],
    ]) {
      rows.push([
        `${label}: first / median`,
        `${formatMs(t.readsMs[name]?.first)} / ${formatMs(t.readsMs[name]?.median)}`,
      ]);
    }
  }
  if (z) {
    rows.push([
      'Lookup of one customer before OPTIMIZE: files read / total, time',
      `${z.before.filesRead} / ${z.before.filesTotal}, ${formatMs(z.before.ms)}`,
    ]);
    rows.push(['OPTIMIZE ZORDER BY (customer_unique_id)', formatMs(z.optimize.ms)]);
    rows.push([
      'Lookup after: files read / total, time',
      `${z.after.filesRead} / ${z.after.filesTotal}, ${formatMs(z.after.ms)}`,
    ]);
  }
  return rows;
}

/** The targets with their measured figures (headers: TARGET_HEADERS). */
export function targetRows(targets) {
  return targets.map((t) => [
    t.label,
    t.goal,
    formatValue(t.value, t.unit),
    t.met === null ? 'not measured' : t.met ? 'met' : 'missed',
    t.note ?? '',
  ]);
}

function formatValue(value, unit) {
  if (value === null || value === undefined) return '—';
  if (unit === 'ms') return formatMs(value);
  if (unit === 'bytes') return formatMb(value);
  if (unit === '×') return formatRatio(value);
  return String(value);
}

function rate(perSec) {
  if (perSec === null || perSec === undefined) return '—';
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(2)} M`;
  return perSec >= 1e4 ? `${Math.round(perSec / 1000)} k` : String(Math.round(perSec));
}

/** The commit profile (--profile): the lake's timings of rewriting each profiled table. */
export function profileRows(summary) {
  const profile = summary.sides.browser?.extra?.profile ?? {};
  return Object.entries(profile).map(([table, p]) => [
    table,
    p.rows === undefined ? '—' : Math.round(p.rows).toLocaleString('en-US'),
    p.files ?? '—',
    formatMs(p.wallMs),
    ...PROFILE_STEPS.map((step) => formatMs(step.keys.reduce((sum, k) => sum + (p[k] ?? 0), 0))),
    formatMs(p.wallMs - PROFILE_STEPS.flatMap((s) => s.keys).reduce((sum, k) => sum + (p[k] ?? 0), 0)),
    encodedWhere(p.encoded),
  ]);
}

/** The profile's columns: the lake's commit timings (CommitTimings), grouped. */
const PROFILE_STEPS = [
  { header: 'load inputs', keys: ['trimMs', 'loadMs'] },
  { header: 'plan', keys: ['planMs'] },
  { header: 'SQL into scratch', keys: ['queryMs'] },
  { header: 'file cuts + stats', keys: ['statsMs'] },
  { header: 'Arrow export', keys: ['exportMs'] },
  { header: 'waiting on encode', keys: ['encodeMs'] },
  { header: 'waiting on OPFS', keys: ['storageMs'] },
  { header: 'log commit', keys: ['commitMs', 'checkpointMs'] },
  { header: 'loaded copy + drop', keys: ['copyMs', 'cacheMs', 'dropMs'] },
];

function encodedWhere(encoded) {
  if (!encoded) return '—';
  const { workerFiles, localFiles } = encoded;
  if (localFiles === 0) return `worker (${workerFiles})`;
  if (workerFiles === 0) return `here (${localFiles})`;
  return `worker ${workerFiles} / here ${localFiles}`;
}

/** The Bronze profile of an upload: each file's ingestion by step (the reports' timings). */
export function bronzeFileRows(summary) {
  // The summary keeps a run's array as an object keyed by index (its median per figure).
  const files = Object.values(summary.sides.browser?.extra?.bronzeFiles ?? {});
  const rows = files.map((f) => [
    f.file,
    f.rows === undefined ? '—' : Math.round(f.rows).toLocaleString('en-US'),
    formatMs(f.ms),
    ...['readMs', 'hashMs', 'checkMs', 'stageMs'].map((k) => formatMs(f[k])),
    f.stagedWith ?? '—',
    formatMs(f.landMs),
    formatMs(f.commitMs),
    // The commit by the lake's steps, grouped as in the rewrite profile (PROFILE_STEPS).
    ...PROFILE_STEPS.map((step) =>
      f.commit && step.keys.some((k) => f.commit[k] !== undefined)
        ? formatMs(step.keys.reduce((sum, k) => sum + (f.commit[k] ?? 0), 0))
        : '—',
    ),
    formatMs(f.recordMs),
  ]);
  return rows;
}

/** Headers of bronzeFileRows. */
export const BRONZE_FILE_HEADERS = [
  'File',
  'rows',
  'total',
  'read upload',
  'SHA-256',
  'checks',
  'staging',
  'read by',
  'landing',
  'commit',
  ...PROFILE_STEPS.map((step) => step.header),
  'ingest cache',
];

/** Headers of profileRows. */
export const PROFILE_HEADERS = [
  'Table rewritten',
  'rows',
  'files',
  'wall',
  ...PROFILE_STEPS.map((step) => step.header),
  'rest (messages, queue)',
  'encoded in',
];

/** Headers of targetRows. */
export const TARGET_HEADERS = ['Target', 'Goal', 'Measured', '', 'Note'];
