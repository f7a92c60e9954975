// The nine Olist CSVs a user would upload, generated once per scale and seed with the app's own
// generator (in Node: same code, same bytes as in the browser) and kept under bench-results/inputs/,
// so every run of a scenario — the browser's upload and each peer — reads the very same files.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);

/** The folder holding the nine CSVs of `scenario` (scale, seed), generated when missing. */
export function uploadInputs(resultsDir, scenario) {
  const root = join(resultsDir, 'inputs', `olist-${scenario.scale}-${scenario.seed}`);
  const folder = join(root, 'landing', 'olist');
  if (!existsSync(folder) || readdirSync(folder).filter((n) => n.endsWith('.csv')).length < 9) {
    // Its own process: Vite's SSR loader sets NODE_ENV and keeps handles open.
    const made = spawnSync(process.execPath, [SELF, root, String(scenario.scale), String(scenario.seed)], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (made.status !== 0) throw new Error(`generating the upload files failed (exit code ${made.status})`);
  }
  return {
    folder,
    files: readdirSync(folder)
      .filter((n) => n.endsWith('.csv'))
      .sort()
      .map((n) => join(folder, n)),
  };
}

if (process.argv[1] === SELF) {
  const [root, scale, seed] = process.argv.slice(2);
  const { openAppModules } = await import('./app-modules.mjs');
  const modules = await openAppModules();
  try {
    const { generateToLanding } = await modules.load('/src/sources/generator/generate-to-landing.ts');
    const { DiskStorage } = await modules.load('/src/node/disk-storage.ts');
    await generateToLanding(new DiskStorage(root), { scale: Number(scale), seed: Number(seed) });
  } finally {
    await modules.close();
  }
}
