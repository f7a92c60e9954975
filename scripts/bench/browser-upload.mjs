// The full-size Olist job as a user does it: the nine CSVs set on "Upload Olist files" on the
// Sources screen, then "Run pipeline" on the Pipeline screen, until the status says "Pipeline
// complete". Per-model times come from the run's lineage rows (meta.model_runs).
import { opfsBytes } from './browser-probes.mjs';

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
  await page.evaluate(() => (location.hash = '#/pipeline'));
  const button = page.getByRole('button', { name: 'Run pipeline' });
  await button.waitFor();
  const t2 = Date.now();
  await button.click();
  const complete = await waitForStatus(page, /Pipeline complete|Pipeline failed/);
  const t3 = Date.now();
  if (!complete.startsWith('Pipeline complete')) throw new Error(complete);
  const bytes = await opfsBytes(page);
  const models = await lineageModels(page);
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
    extra: { goldRows: await goldRows(page) },
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

/** The models of the latest run, from meta.model_runs. */
async function lineageModels(page) {
  const rows = await page.evaluate(() =>
    window.lakehouse
      .sql(`select model, status, started_at::varchar as started_at, elapsed_ms, rows_in, rows_out
                          from meta.model_runs
                          where run_id = (select run_id from meta.model_runs order by started_at desc limit 1)
                          order by started_at`),
  );
  return rows
    .filter((r) => r.status === 'success')
    .map((r) => ({
      model: r.model,
      layer: r.model.split('.')[0],
      status: r.status,
      ms: Number(r.elapsed_ms),
      rowsIn: Number(r.rows_in),
      rowsOut: Number(r.rows_out),
      phaseMs: null,
      startedAtMs: Date.parse(`${r.started_at.replace(' ', 'T')}Z`),
    }));
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
