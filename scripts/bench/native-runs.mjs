// The native reference, run by run: each in its own Node process (native-child.mjs), shaped like
// a browser run so the two can be compared stage by stage.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipelineStages } from './pipeline-stages.mjs';

const CHILD = fileURLToPath(new URL('./native-child.mjs', import.meta.url));

/**
 * Run a scenario natively with `threads` DuckDB threads in `workDir`. With `inputsDir`, the
 * landed files of an earlier run are read instead of generated again (generation is JavaScript,
 * the same whatever DuckDB's threads).
 */
export async function runNativeScenario(scenario, { threads, workDir, inputsDir = null }) {
  mkdirSync(workDir, { recursive: true });
  const jobPath = join(workDir, 'job.json');
  const resultPath = join(workDir, 'result.json');
  writeFileSync(jobPath, JSON.stringify({ scenario, threads, workDir, inputsDir, resultPath }));
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, jobPath], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`native run ended with ${signal ?? `exit code ${code}`}`)),
    );
  });
  return shapeNative(JSON.parse(readFileSync(resultPath, 'utf8')), scenario);
}

function shapeNative(result, scenario) {
  const incremental = scenario.incrementalEvents ? result.incremental : null;
  const pipeline = incremental ? incremental.pipeline : result.pipeline;
  const { stages, models } = pipelineStages(pipeline);
  if (incremental) {
    stages.generate =
      incremental.generateMs === null
        ? null
        : { ms: incremental.generateMs, rows: incremental.rows, bytes: null };
    stages.bronze = { ms: incremental.bronzeMs, rows: incremental.rows, bytes: null };
  } else {
    stages.generate = result.stages.generate;
    stages.bronze = result.stages.bronze;
    stages.silver.bytes = result.bytes.silver;
    stages.gold.bytes = result.bytes.gold;
  }
  return {
    stages,
    models,
    pipelineMs: pipeline.elapsedMs,
    peakRssBytes: result.peakRssBytes.total,
    extra: {
      landedFiles: result.landedFiles,
      base: incremental ? { pipelineMs: result.pipeline.elapsedMs } : undefined,
    },
  };
}
