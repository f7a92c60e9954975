// The two peers of the "same job" comparison, each a whole process over the same nine CSVs as the
// browser's upload: a plain DuckDB script (peers/gold.sql on @duckdb/node-api) and a pandas script
// (peers/gold_pandas.py on a python3 with pandas). Timed from spawn to exit, as a user would time
// `node …` or `python3 …`.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PEERS = fileURLToPath(new URL('./peers/', import.meta.url));
const PYTHONS = ['/usr/bin/python3', 'python3'];

/** The first python3 that imports pandas, with its version, or null (the pandas peer is then skipped). */
export function findPandas() {
  for (const python of PYTHONS) {
    const probe = spawnSync(
      python,
      ['-c', 'import pandas, sys; print(pandas.__version__, sys.version.split()[0])'],
      {
        encoding: 'utf8',
      },
    );
    if (probe.status === 0) {
      const [pandas, version] = probe.stdout.trim().split(' ');
      return { python, pandas, pythonVersion: version };
    }
  }
  return null;
}

/** Run one peer (`duckdb-script` or `pandas`) over `folder`; resolves with its time, rows and memory. */
export async function runPeer(side, folder, workDir, pandas) {
  const [command, args] =
    side === 'duckdb-script'
      ? [process.execPath, [join(PEERS, 'duckdb-peer.mjs'), folder, workDir]]
      : [pandas.python, [join(PEERS, 'gold_pandas.py'), folder, join(workDir, 'gold')]];
  const started = Date.now();
  const output = await new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${side} ended with ${signal ?? `exit code ${code}`}`)),
    );
  });
  const ms = Date.now() - started;
  const report = JSON.parse(output.trim().split('\n').at(-1));
  return {
    stages: { total: { ms } },
    totalMs: ms,
    peakRssBytes: report.peakRssBytes,
    extra: { goldRows: report.rows, goldChecks: report.checks, format: report.format ?? 'parquet' },
  };
}
