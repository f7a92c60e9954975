// The machine a run was measured on: numbers from elsewhere are not comparable without it.
import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { chromiumVersion } from './browser-app.mjs';
import { findPandas } from './peer-runs.mjs';

/** Cores, memory, versions, the git commit and the load average when the run started. */
export async function describeMachine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
    node: process.version,
    chromium: await chromiumVersion(),
    nativeDuckdb: await nativeDuckdbVersion(),
    duckdbWasm: packageVersion('@duckdb/duckdb-wasm'),
    commit: gitCommit(),
    /** The python3 with pandas the pandas peer runs on (null: none, the peer is skipped). */
    pandas: findPandas(),
    startedAt: new Date().toISOString(),
    loadAverageAtStart: loadavg(),
  };
}

/** The 1, 5 and 15 minute load averages now. */
export function loadAverage() {
  return loadavg();
}

/** The commit measured: BENCH_COMMIT when run from an exported tree, else HEAD and its local changes. */
function gitCommit() {
  if (process.env.BENCH_COMMIT) return process.env.BENCH_COMMIT;
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean).length;
    return changed ? `${head} + ${changed} uncommitted file(s)` : head;
  } catch {
    return 'unknown';
  }
}

async function nativeDuckdbVersion() {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const [[version]] = (await connection.runAndReadAll('select version()')).getRowsJS();
    return String(version);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function packageVersion(name) {
  const path = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
  return JSON.parse(readFileSync(path, 'utf8')).version;
}
