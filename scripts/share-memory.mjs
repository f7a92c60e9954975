// Memory of "Export lakehouse" and "Import lakehouse" on a large lakehouse, in the real browser:
// a generated shop (scale from the command line, 1.0 = the real Olist size) is ingested and run
// through the pipeline in one profile, exported, and imported into a second profile, while the
// renderers' resident memory is sampled. The zip never being held whole shows as a peak that does
// not grow by the zip's size. Usage (a production build served on a port, e.g. vite preview):
//   node scripts/share-memory.mjs --url http://127.0.0.1:4330 --scale 1.0
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { peakBetween, sampleRendererMemory } from './bench/rss-sampler.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:4173' },
    scale: { type: 'string', default: '1.0' },
  },
});
const scale = Number(values.scale);
const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function profile() {
  const dir = mkdtempSync(join(tmpdir(), 'share-memory-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(values.url);
  await page.evaluate(() => window.lakehouse.ready);
  return { dir, context, page };
}

/** Run `step` while sampling; returns its result, the RSS before it and the peak during it. */
async function measured(dir, step) {
  const sampler = sampleRendererMemory(dir, 100);
  await new Promise((r) => setTimeout(r, 500));
  const from = Date.now();
  const result = await step();
  const to = Date.now();
  const samples = sampler.stop();
  return {
    result,
    before: peakBetween(samples, from - 500, from),
    peak: peakBetween(samples, from, to),
    ms: to - from,
  };
}

const a = await profile();
const b = await profile();
const zipDir = mkdtempSync(join(tmpdir(), 'share-memory-zip-'));
try {
  console.log(`generating scale ${scale} and running the pipeline…`);
  await a.page.evaluate((s) => window.lakehouse.engine.sources.generateOlist({ scale: s, seed: 42 }), scale);
  await a.page.evaluate(() => window.lakehouse.runPipeline());
  const usage = await a.page.evaluate(() => window.lakehouse.engine.admin.storageUsage());
  await a.page.goto(`${values.url}/#/sources`);
  const exported = await measured(a.dir, async () => {
    const [download] = await Promise.all([
      a.page.waitForEvent('download', { timeout: 600_000 }),
      a.page.getByRole('button', { name: 'Export lakehouse' }).click(),
    ]);
    const path = join(zipDir, download.suggestedFilename());
    await download.saveAs(path);
    return path;
  });
  const zipBytes = statSync(exported.result).size;
  console.log(
    `export: lakehouse ${mb(usage.usedBytes)} in OPFS, zip ${mb(zipBytes)} in ${(exported.ms / 1000).toFixed(1)} s; ` +
      `renderer RSS ${mb(exported.before)} before, peak ${mb(exported.peak)} during (+${mb(exported.peak - exported.before)})`,
  );
  await b.page.goto(`${values.url}/#/sources`);
  const imported = await measured(b.dir, async () => {
    await b.page.getByLabel('Import lakehouse').setInputFiles(exported.result);
    await b.page
      .getByRole('status')
      .filter({ hasText: /^Imported / })
      .waitFor({ timeout: 600_000 });
  });
  console.log(
    `import: ${(imported.ms / 1000).toFixed(1)} s; renderer RSS ${mb(imported.before)} before, ` +
      `peak ${mb(imported.peak)} during (+${mb(imported.peak - imported.before)})`,
  );
  const run = await b.page.evaluate(() => window.lakehouse.runPipeline());
  console.log(`the pipeline after the import: ${run.status}`);
} finally {
  for (const p of [a, b]) {
    await p.context.close();
    rmSync(p.dir, { recursive: true, force: true });
  }
  rmSync(zipDir, { recursive: true, force: true });
}
