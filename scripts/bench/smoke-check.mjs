// What `npm run bench -- --smoke` asserts: that every scenario produced its numbers (never how
// fast they are — the machine is shared and noisy).

const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);

/** The missing figures, as sentences; empty when the harness produced everything. */
export function checkSmoke(summaries, pandasExpected = false) {
  const problems = [];
  const need = (ok, what) => {
    if (!ok) problems.push(what);
  };
  for (const s of summaries) {
    for (const [side, figures] of Object.entries(s.sides)) {
      need(!figures.failures?.length, `${s.name} ${side}: ${figures.failures?.join('; ')}`);
    }
    const browser = s.sides.browser ?? {};
    if (s.scenario.kind === 'demo-click') {
      need(isNumber(browser.extra?.clickToChartMs), `${s.name}: no click-to-chart time`);
      continue;
    }
    if (s.scenario.kind === 'upload') {
      for (const stage of ['bronze', 'silver', 'gold', 'pipeline', 'total'])
        need(isNumber(browser.stages?.[stage]?.ms), `${s.name} browser: no ${stage} time`);
      need(Object.keys(browser.models ?? {}).length > 0, `${s.name} browser: no model timings`);
      need(isNumber(s.ratios['duckdb-script']?.total), `${s.name}: no browser / DuckDB script ratio`);
      if (s.sides.pandas || pandasExpected)
        need(isNumber(s.ratios.pandas?.total), `${s.name}: no browser / pandas ratio`);
      for (const [peer, match] of Object.entries(s.peersMatch ?? {}))
        need(
          match.differing.length === 0,
          `${s.name}: ${peer} wrote other Gold row counts: ${JSON.stringify(match.differing)}`,
        );
      need(isNumber(browser.memory?.peakRssBytes), `${s.name}: no browser memory figure`);
      continue;
    }
    if (s.scenario.reload)
      need(isNumber(browser.extra?.reloadToDashboardMs), `${s.name}: no reload-to-Dashboard time`);
    if (s.scenario.lakeOps) {
      const t = browser.extra?.timeTravel;
      const z = browser.extra?.zorder;
      need(
        isNumber(t?.readsMs?.old?.median) && isNumber(t?.readsMs?.latestVersion?.median),
        `${s.name}: no time-travel reads`,
      );
      need(
        isNumber(z?.before?.filesRead) && isNumber(z?.after?.filesTotal),
        `${s.name}: no Z-order lookup files`,
      );
    }
    for (const side of ['browser', 'native-1', 'native-N']) {
      for (const stage of ['silver', 'gold', 'pipeline']) {
        need(isNumber(s.sides[side]?.stages?.[stage]?.ms), `${s.name} ${side}: no ${stage} time`);
      }
      need(Object.keys(s.sides[side]?.models ?? {}).length > 0, `${s.name} ${side}: no model timings`);
    }
    need(isNumber(s.ratios['native-1']?.pipeline), `${s.name}: no browser / native ratio`);
    need(isNumber(browser.memory?.peakRssBytes), `${s.name}: no browser memory figure`);
    need(isNumber(browser.stages?.pipeline?.longTasks?.count), `${s.name}: no long-task count`);
    if (s.scenario.kind === 'sources') {
      need(isNumber(browser.stages?.bronze?.bytes), `${s.name}: no bytes written to OPFS`);
      need(s.inputsMatch?.files > 0, `${s.name}: the browser's and native input files were not compared`);
    }
  }
  return problems;
}
