// The full-size Olist job as a user does it: the nine CSVs set on "Upload Olist files" on the
// Sources screen, then "Run pipeline" on the Pipeline screen, until the status says "Pipeline
// complete". Per-model times (with their load / build / check / commit split) come from the page's
// last PipelineRunResult (window.lakehouse.lastPipelineRun()), the per-file Bronze split from its
// last ingestion report (window.lakehouse.lastIngestReports()).
import { opfsBytes } from './browser-probes.mjs';
import { pipelineStages } from './pipeline-stages.mjs';

const STATUS = '[role="status"]';

/** Upload `files` (paths), run the pipeline from its button; stages, windows and models of the run. */
export async function uploadAndRun(page, files) {
  await page.evaluate(() => (location.hash = '#/sources'));
  const input = page.getByLabel('Upload Olist files', { exact: true });
  await input.waitFor({ state: 'attached' });
  const t0 = Date.now();
  await input.setInputFiles(files);
  const ingested = await waitForStatus(page, /^Ingested (\d+) of (\d+) files? into Bronze|failed/i);
  const t1 = Date.now();
  const [, done, total] = /^Ingested (\d+) of (\d+)/.exec(ingested) ?? [];
  if (!done || done !== total) throw new Error(`Upload: ${ingested}`);
  const bronzeFiles = await page.evaluate(() => window.lakehouse.lastIngestReports());
  await page.evaluate(() => (location.hash = '#/pipeline'));
  const button = page.getByRole('button', { name: 'Run pipeline' });
  await button.waitFor();
  const t2 = Date.now();
  await button.click();
  const complete = await waitForStatus(page, /Pipeline complete|Pipeline failed/);
  const t3 = Date.now();
  if (!complete.startsWith('Pipeline complete')) throw new Error(complete);
  const bytes = await opfsBytes(page);
  const run = await page.evaluate(() => window.lakehouse.lastPipelineRun());
  if (!run) throw new Error('Pipeline complete, but the page kept no PipelineRunResult');
  const { models } = pipelineStages(run);
  const bronzeRows = await page.evaluate(async () =>
    (await window.lakehouse.engine.lake.listTables())
      .filter((t) => t.layer === 'bronze')
      .reduce((sum, t) => sum + (t.numRecords ?? 0), 0),
  );
  const stage = (layer) => {
    const inLayer = models.filter((m) => m.layer === layer);
    return {
      ms: inLayer.reduce((sum, m) => sum + m.ms, 0),
      rows: inLayer.reduce((sum, m) => sum + m.rowsOut, 0),
      bytes: bytes[`tables/${layer}`] ?? 0,
    };
  };
  const windows = {
    bronze: [[t0, t1]],
    pipeline: [[t2, t3]],
    total: [[t0, t3]],
    silver: models.filter((m) => m.layer === 'silver').map((m) => [m.startedAtMs, m.startedAtMs + m.ms]),
    gold: models.filter((m) => m.layer === 'gold').map((m) => [m.startedAtMs, m.startedAtMs + m.ms]),
  };
  for (const m of models) windows[`model:${m.model}`] = [[m.startedAtMs, m.startedAtMs + m.ms]];
  return {
    stages: {
      bronze: { ms: t1 - t0, rows: bronzeRows, bytes: (bytes['tables/bronze'] ?? 0) + (bytes.landing ?? 0) },
      silver: stage('silver'),
      gold: stage('gold'),
    },
    models,
    windows,
    pipelineMs: t3 - t2,
    totalMs: t3 - t0,
    bytesByArea: bytes,
    extra: { goldRows: await goldRows(page), bronzeFiles: bronzeFiles.map(profileOf) },
  };
}

/** One file's line of the Bronze profile: its report's size, rows and timings. */
function profileOf(report) {
  return {
    file: report.file,
    table: report.table,
    rows: report.rows,
    bytes: report.bytes,
    ms: report.ms,
    ...report.timings,
  };
}

async function waitForStatus(page, pattern) {
  const handle = await page.waitForFunction(
    ({ selector, source, flags }) => {
      const text = document.querySelector(selector)?.textContent?.trim() ?? '';
      return new RegExp(source, flags).test(text) ? text : null;
    },
    { selector: STATUS, source: pattern.source, flags: pattern.flags },
    { polling: 50 },
  );
  return handle.jsonValue();
}

/** Row counts of the Gold tables, to compare with the peers'. */
function goldRows(page) {
  return page.evaluate(async () =>
    Object.fromEntries(
      (await window.lakehouse.engine.lake.listTables())
        .filter((t) => t.layer === 'gold')
        .map((t) => [t.name, t.numRecords]),
    ),
  );
}
