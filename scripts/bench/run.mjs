// `npm run bench`: the browser pipeline against native DuckDB on this machine, scenario by
// scenario, browser and native runs interleaved. Raw results go to bench-results/, the summary
// to stdout, and (for a full run) docs/benchmarks.{json,md} and the charts under docs/.
// `--rerender bench-results/<file>.json` summarizes a saved run again without measuring.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlags, usage } from './flags.mjs';
import { describeMachine, loadAverage } from './machine.mjs';
import { appConstants, measure } from './measure.mjs';
import { buildDocument, printSummary, writeDocs } from './report.mjs';
import { selectScenarios } from './scenarios.mjs';
import { checkSmoke } from './smoke-check.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESULTS = join(ROOT, 'bench-results');

const flags = parseFlags(process.argv.slice(2));
if (flags.help) {
  console.log(usage());
  process.exit(0);
}
mkdirSync(RESULTS, { recursive: true });
const saved = flags.rerender ? JSON.parse(readFileSync(flags.rerender, 'utf8')) : await measureNow();
const doc = buildDocument(saved);
if (!flags.rerender) writeFileSync(saved.rawPath, JSON.stringify({ ...saved, rawPath: undefined }, null, 1));
writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(doc, null, 1));
printSummary(doc);
if (!flags.rerender) log(`raw results: ${saved.rawPath}`);

if (flags.docs ?? (!flags.smoke && !flags.scenarios && !flags.rerender)) {
  writeDocs(doc, join(ROOT, 'docs'));
  log('wrote docs/benchmarks.md, docs/benchmarks.json and the charts');
}
if (flags.smoke) {
  const problems = checkSmoke(doc.summaries, Boolean(doc.machine.pandas));
  if (problems.length) {
    console.error(`bench smoke: numbers missing:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  log('bench smoke: every scenario produced its numbers');
}

async function measureNow() {
  const started = Date.now();
  const runs = flags.runs ?? (flags.smoke ? 1 : 3);
  const cores = availableParallelism();
  const stamp = new Date(started).toISOString().replaceAll(':', '-').slice(0, 19);
  const rawPath = join(RESULTS, `bench-${stamp}.json`);
  const constants = { ...(await appConstants()), profile: flags.profile };
  const scenarios = selectScenarios(flags, constants.demoSettings);
  const machine = await describeMachine();
  const load = machine.loadAverageAtStart.map((v) => v.toFixed(1)).join(' ');
  log(`${scenarios.length} scenario(s) × ${runs} run(s) on ${cores} cores; load average ${load}`);
  const raw = await measure({
    scenarios,
    runs,
    cores,
    machine,
    constants,
    root: ROOT,
    resultsDir: RESULTS,
    rawPath,
    flags,
    log,
  });
  return {
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(
      ' ',
    ),
    machine,
    scenarios,
    runs,
    raw,
    durationMs: Date.now() - started,
    loadAverageAtEnd: loadAverage(),
    rawPath,
  };
}

function log(message) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}
