// From raw results to what people read: the summary per scenario, the targets, the tables on
// stdout, and (when asked) docs/benchmarks.{json,md} with the charts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeInputs, describePeers, describeRows, renderDocs } from './render-docs.mjs';
import {
  lakeOpsRows,
  modelHeaders,
  PROFILE_HEADERS,
  profileRows,
  bronzeFileRows,
  BRONZE_FILE_HEADERS,
  modelRows,
  PEER_HEADERS,
  peerRows,
  renderTable,
  stageHeaders,
  stageRows,
  longTaskCauses,
  TARGET_HEADERS,
  targetRows,
} from './report-tables.mjs';
import { formatMs } from './stats.mjs';
import { summarizeScenario } from './summarize.mjs';
import { evaluateTargets } from './targets.mjs';

/** The document of a run: machine, settings, per-scenario summaries and the targets. */
export function buildDocument({ command, machine, scenarios, runs, raw, durationMs, loadAverageAtEnd }) {
  const summaries = scenarios.map((s) =>
    summarizeScenario(
      s,
      raw.filter((r) => r.scenario === s.name),
    ),
  );
  return {
    command,
    machine,
    runs,
    durationMs,
    loadAverageAtEnd,
    targets: evaluateTargets(summaries),
    summaries,
  };
}

/** Write docs/benchmarks.json, docs/benchmarks.md and the charts under `docsDir`. */
export function writeDocs(doc, docsDir) {
  writeFileSync(join(docsDir, 'benchmarks.json'), `${JSON.stringify(doc, null, 1)}\n`);
  const { markdown, charts } = renderDocs(doc);
  writeFileSync(join(docsDir, 'benchmarks.md'), markdown);
  for (const [name, svg] of Object.entries(charts)) writeFileSync(join(docsDir, name), svg);
}

/** Print every scenario's tables and the targets. */
export function printSummary({ summaries, targets, machine }) {
  const cores = machine.cores;
  for (const s of summaries) {
    console.log(`\n== ${s.title} (${s.name})`);
    for (const [side, figures] of Object.entries(s.sides)) {
      if (figures.failures?.length)
        console.log(`   ${side}: ${figures.failures.length} failed run(s): ${figures.failures.join('; ')}`);
    }
    const peers = peerRows(s);
    if (peers.length) console.log(renderTable(PEER_HEADERS, peers, false));
    if (s.peersMatch) console.log(`gold rows: ${describePeers(s.peersMatch)}`);
    const stages = stageRows(s);
    if (stages.length) console.log(renderTable(stageHeaders(cores), stages, false));
    for (const cause of longTaskCauses(s)) console.log(`longest task of ${cause}`);
    const click = s.sides.browser?.extra?.clickToChartMs;
    if (click !== undefined) console.log(`click to first chart: ${formatMs(click)}`);
    const lake = lakeOpsRows(s);
    if (lake.length) console.log(renderTable(['Operation', 'Time'], lake, false));
    if (s.inputsMatch) console.log(`input files: ${describeInputs(s.inputsMatch)}`);
    if (s.rowsMatch) console.log(`output rows: ${describeRows(s.rowsMatch)}`);
    const models = modelRows(s);
    if (models.length) console.log(`\n${renderTable(modelHeaders(cores), models, false)}`);
    const profile = profileRows(s);
    if (profile.length) console.log(`\n${renderTable(PROFILE_HEADERS, profile, false)}`);
    const bronze = bronzeFileRows(s);
    if (bronze.length) console.log(`\n${renderTable(BRONZE_FILE_HEADERS, bronze, false)}`);
  }
  console.log('\n== Targets');
  console.log(renderTable(TARGET_HEADERS, targetRows(targets), false));
}
