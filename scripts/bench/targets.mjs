// The targets, each with the figure measured against it. They are the bar we report
// against, not assertions: a miss is a finding, and the benchmark still succeeds.

const GIB = 1024 ** 3;

/** Each target: what it asks, the measured value, and whether it is met (null: not measured). */
export function evaluateTargets(summaries) {
  const get = (name) => summaries.find((s) => s.name === name);
  const full = get('full-1m') ?? get('scale-1.0');
  const small = get('scale-0.1');
  const browserMs = (s, stage) => s?.sides.browser?.stages?.[stage]?.ms ?? null;
  const targets = [];
  const add = (id, label, goal, value, unit, met, note) =>
    targets.push({ id, label, goal, value, unit, met: value === null ? null : met(value), note });

  add(
    'bronze-to-gold-vs-native',
    `Bronze → Gold in the browser vs native DuckDB, 1 thread (${full?.name ?? 'full scale'})`,
    '≤ 2.5×',
    full?.ratios['native-1']?.bronzeToGold ?? null,
    '×',
    (v) => v <= 2.5,
  );
  add(
    'click-to-chart',
    '"Run demo" click to the first chart',
    '< 5 s',
    get('demo-click')?.sides.browser?.extra?.clickToChartMs ?? null,
    'ms',
    (v) => v < 5000,
  );
  const longestIn = (stages) =>
    Math.max(
      -1,
      ...summaries.flatMap((s) =>
        stages.map((stage) => s.sides.browser?.stages?.[stage]?.longTasks?.longestMs ?? -1),
      ),
    );
  const duringPipelines = longestIn(['pipeline', 'demo']);
  add(
    'long-tasks',
    'Longest main-thread task while a pipeline or the demo runs (worst run, every scenario)',
    '≤ 100 ms',
    duringPipelines < 0 ? null : duringPipelines,
    'ms',
    (v) => v <= 100,
  );
  const anywhere = longestIn(['total', 'dashboard']);
  add(
    'long-tasks-anywhere',
    'Longest main-thread task anywhere, the Dashboard drawing its charts included (worst run)',
    '≤ 100 ms',
    anywhere < 0 ? null : anywhere,
    'ms',
    (v) => v <= 100,
  );
  // One row per full-scale scenario: with 3M events the pipeline may not fit at all.
  for (const big of [get('scale-1.0'), get('full-1m')].filter(Boolean)) {
    add(
      `peak-memory-${big.name}`,
      `Peak renderer memory (RSS, worst run) at ${big.name}`,
      '< 2 GiB',
      big.sides.browser?.memory?.peakRssBytes ?? null,
      'bytes',
      (v) => v < 2 * GIB,
      failuresOf(big),
    );
  }
  for (const big of [get('full-1m'), get('scale-1.0')].filter(Boolean)) {
    const growth = small ? ratioOf(browserMs(big, 'bronzeToGold'), browserMs(small, 'bronzeToGold')) : null;
    add(
      `linear-${big.name}`,
      `Bronze → Gold at ${big.name} / at scale-0.1 (browser)`,
      '≤ 12×',
      growth,
      '×',
      (v) => v <= 12,
      [
        big.name === 'scale-1.0'
          ? 'scale-1.0 has 30× the events of scale-0.1 (10× the Olist rows)'
          : '10× the Olist rows and 10× the events',
        failuresOf(big),
      ]
        .filter(Boolean)
        .join('; '),
    );
  }
  const lake = summaries.find((s) => s.sides.browser?.extra?.timeTravel);
  const reads = lake?.sides.browser?.extra?.timeTravel?.readsMs;
  add(
    'time-travel',
    `Reading silver.orders ${lake?.scenario.lakeOps.versions ?? 20} versions back / reading the latest version (VERSION AS OF, median)`,
    '≤ 2×',
    reads ? ratioOf(reads.old?.median ?? null, reads.latestVersion?.median ?? null) : null,
    '×',
    (v) => v <= 2,
  );
  return targets;
}

/** "2 of 3 runs failed: <first reason>", or undefined. */
function failuresOf(summary) {
  const failures = summary.sides.browser?.failures ?? [];
  if (failures.length === 0) return undefined;
  return `${failures.length} of ${summary.sides.browser.runs} browser runs failed: ${failures[0]}`;
}

function ratioOf(a, b) {
  return a === null || b === null || b === 0 ? null : a / b;
}
