// The measuring loop: run after run, every scenario, browser then native (1 thread, then as many
// threads as cores) — interleaved, so drift of a shared machine hits both sides alike.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAppModules } from './app-modules.mjs';
import { serveApp } from './browser-app.mjs';
import { runBrowserScenario } from './browser-runs.mjs';
import { runNativeScenario } from './native-runs.mjs';
import { runPeer } from './peer-runs.mjs';
import { uploadInputs } from './upload-inputs.mjs';
import { formatMs } from './stats.mjs';

/**
 * Run `scenarios` `runs` times each; returns the raw results ({ scenario, side, run, result |
 * error }). After every run the results so far are saved to `rawPath`.
 */
export async function measure({
  scenarios,
  runs,
  cores,
  machine,
  constants,
  root,
  resultsDir,
  rawPath,
  flags,
  log,
}) {
  const server = await serveApp({
    outDir: join(root, flags.dist ?? 'dist-bench'),
    port: flags.port,
    reuseBuild: Boolean(flags.dist),
  });
  const raw = [];
  const record = async (scenario, side, run, work) => {
    const t0 = Date.now();
    try {
      raw.push({ scenario: scenario.name, side, run, result: await work() });
      log(`${scenario.name} #${run} ${side}: ${formatMs(Date.now() - t0)}`);
    } catch (error) {
      raw.push({ scenario: scenario.name, side, run, error: String(error?.message ?? error).split('\n')[0] });
      log(
        `${scenario.name} #${run} ${side}: FAILED after ${formatMs(Date.now() - t0)}: ${error?.stack ?? error}`,
      );
    }
    writeFileSync(rawPath, JSON.stringify({ machine, scenarios, runs, partial: true, raw }, null, 1));
  };
  const pandas = machine.pandas;
  if (scenarios.some((s) => s.peers) && !pandas)
    log('no python3 with pandas (tried /usr/bin/python3, python3): the pandas peer is skipped');
  // Upload scenarios read files a user would have: generated once, the same for every run and peer.
  const inputs = new Map();
  for (const scenario of scenarios.filter((s) => s.kind === 'upload'))
    inputs.set(scenario.name, uploadInputs(resultsDir, scenario));
  try {
    // Run after run, every scenario in each: drift of a shared machine spreads over all of them,
    // so ratios across scenarios (cost against scale) are fair too.
    for (let run = 1; run <= runs; run++) {
      for (const listed of scenarios) {
        if (listed.maxRuns && run > listed.maxRuns) continue;
        const input = inputs.get(listed.name);
        const scenario = input ? { ...listed, inputFiles: input.files } : listed;
        await record(scenario, 'browser', run, () => runBrowserScenario(server.url, scenario, constants));
        if (scenario.peers) {
          const work = join(resultsDir, 'work', `${scenario.name}-${run}-peers`);
          try {
            await record(scenario, 'duckdb-script', run, () =>
              runPeer('duckdb-script', input.folder, join(work, 'duckdb')),
            );
            if (pandas)
              await record(scenario, 'pandas', run, () =>
                runPeer('pandas', input.folder, join(work, 'pandas'), pandas),
              );
          } finally {
            rmSync(work, { recursive: true, force: true });
          }
        }
        if (!scenario.native) continue;
        const work = join(resultsDir, 'work', `${scenario.name}-${run}`);
        rmSync(work, { recursive: true, force: true });
        try {
          const native1 = join(work, 'native-1');
          await record(scenario, 'native-1', run, () =>
            runNativeScenario(scenario, { threads: 1, workDir: native1 }),
          );
          if (scenario.nativeThreads?.length === 1) continue;
          await record(scenario, 'native-N', run, () =>
            runNativeScenario(scenario, {
              threads: cores,
              workDir: join(work, 'native-N'),
              inputsDir: native1,
            }),
          );
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await server.close();
  }
  return raw;
}

/** What the browser side needs from the app's own modules: the demo's settings, the faults, quoting. */
export async function appConstants() {
  const modules = await openAppModules();
  try {
    const { DEMO_SETTINGS } = await modules.load('/src/ui/demo/demo-run.svelte.ts');
    const { NO_FAULTS, DEMO_FAULTS } = await modules.load('/src/sources/simulator/catalog.ts');
    const { sqlLiteral } = await modules.load('/src/engine/sql-quote.ts');
    return { demoSettings: { ...DEMO_SETTINGS }, faults: { none: NO_FAULTS, demo: DEMO_FAULTS }, sqlLiteral };
  } finally {
    await modules.close();
  }
}
