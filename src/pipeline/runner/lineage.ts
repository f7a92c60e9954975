import type { SqlValue } from '../../engine/types';
import { quoteIdent } from '../../engine/sql-quote';
import type { ModelStore } from '../model-store';
import { unexpectedPercent } from '../quality/expectation-result';
import type { ModelRunResult } from './run-types';

/** One row per model per run: what it read, what it wrote, rows in and out, time. */
export const MODEL_RUNS_TABLE = 'meta.model_runs';
/** One row per expectation per model per run. */
export const QUALITY_RESULTS_TABLE = 'meta.quality_results';

const MODEL_RUNS_COLUMNS: Array<[string, string]> = [
  ['run_id', 'VARCHAR'],
  ['model', 'VARCHAR'],
  ['status', 'VARCHAR'],
  ['started_at', 'TIMESTAMP'],
  ['elapsed_ms', 'DOUBLE'],
  ['input_versions', 'VARCHAR'],
  ['output_version', 'BIGINT'],
  ['rows_in', 'BIGINT'],
  ['rows_out', 'BIGINT'],
  ['rows_dropped', 'BIGINT'],
  ['rows_quarantined', 'BIGINT'],
  ['definition_hash', 'VARCHAR'],
  ['watermark', 'VARCHAR'],
  ['watermark_rows', 'BIGINT'],
  ['error', 'VARCHAR'],
];

const QUALITY_COLUMNS: Array<[string, string]> = [
  ['run_id', 'VARCHAR'],
  ['model', 'VARCHAR'],
  ['expectation', 'VARCHAR'],
  ['expectation_index', 'INTEGER'],
  ['expectation_type', 'VARCHAR'],
  ['action', 'VARCHAR'],
  ['success', 'BOOLEAN'],
  ['rows_checked', 'BIGINT'],
  ['rows_failing', 'BIGINT'],
  ['unexpected_percent', 'DOUBLE'],
  ['failing_sample', 'VARCHAR'],
  ['kwargs', 'VARCHAR'],
  ['description', 'VARCHAR'],
  ['checked_at', 'TIMESTAMP'],
];

/** What the runner remembers of a model's last successful run. */
export interface LastRun {
  inputVersions: Record<string, number>;
  definitionHash: string;
  outputVersion: number | null;
  /** How far an incremental model has read, and how many input rows lay at or below that then. */
  watermark: string | null;
  watermarkRows: number | null;
}

/** The last successful run of every model, from `meta.model_runs` (empty before the first run). */
export async function readLastRuns(store: ModelStore): Promise<Map<string, LastRun>> {
  const last = new Map<string, LastRun>();
  if ((await store.latestVersion(MODEL_RUNS_TABLE)) < 0) return last;
  await store.ensureLoaded(MODEL_RUNS_TABLE);
  const rows = await store.sql.query<{
    model: string;
    input_versions: string;
    definition_hash: string;
    output_version: number | null;
    watermark: string | null;
    watermark_rows: number | null;
  }>(
    `select model, input_versions, definition_hash, output_version, watermark, watermark_rows
     from meta.model_runs
     where status = 'success'
     qualify row_number() over (partition by model order by started_at desc) = 1`,
  );
  for (const row of rows) {
    last.set(row.model, {
      inputVersions: JSON.parse(row.input_versions) as Record<string, number>,
      definitionHash: row.definition_hash,
      outputVersion: row.output_version,
      watermark: row.watermark,
      watermarkRows: row.watermark_rows,
    });
  }
  return last;
}

/** Append the run's lineage and expectation results, one commit per table. */
export async function recordRun(
  store: ModelStore,
  runId: string,
  results: ReadonlyArray<ModelRunResult & { definitionHash: string }>,
): Promise<void> {
  const lineage = results.map((r): SqlValue[] => [
    runId,
    r.model,
    r.status,
    r.startedAt,
    r.elapsedMs,
    JSON.stringify(r.inputVersions),
    r.outputVersion,
    r.rowsIn,
    r.rowsOut,
    r.rowsDropped,
    r.rowsQuarantined,
    r.definitionHash,
    r.watermark ?? null,
    r.watermarkRows ?? null,
    r.error ?? null,
  ]);
  const checks = results.flatMap((r) =>
    r.expectations.map((e, index): SqlValue[] => [
      runId,
      r.model,
      e.expectation,
      index + 1,
      e.greatExpectationsType,
      e.action,
      e.success,
      e.rowsChecked,
      e.rowsFailing,
      unexpectedPercent(e),
      JSON.stringify(e.sample),
      JSON.stringify(e.kwargs),
      e.description ?? null,
      r.startedAt,
    ]),
  );
  await appendRows(store, MODEL_RUNS_TABLE, MODEL_RUNS_COLUMNS, lineage);
  await appendRows(store, QUALITY_RESULTS_TABLE, QUALITY_COLUMNS, checks);
}

const INSERT_ROWS = 100;

async function appendRows(
  store: ModelStore,
  table: string,
  columns: Array<[string, string]>,
  rows: SqlValue[][],
): Promise<void> {
  if (rows.length === 0) return;
  const staging = quoteIdent(`_pipeline_${table.replace('.', '_')}`);
  const definition = columns.map(([name, type]) => `${quoteIdent(name)} ${type}`).join(', ');
  const casts = columns.map(([, type]) => `?::${type}`).join(', ');
  await store.sql.exec(`create or replace temp table ${staging} (${definition})`);
  // A few statements of many rows each, not one statement per row.
  for (let i = 0; i < rows.length; i += INSERT_ROWS) {
    const chunk = rows.slice(i, i + INSERT_ROWS);
    await store.sql.exec(
      `insert into ${staging} values ${chunk.map(() => `(${casts})`).join(', ')}`,
      chunk.flat(),
    );
  }
  await store.write(table, { mode: 'append', sql: `select * from ${staging}` });
  await store.sql.exec(`drop table ${staging}`);
}

/** A model's latest run as the Pipeline screen shows it. */
export type LatestModelRun = {
  model: string;
  run_id: string;
  status: string;
  started_at: string;
  elapsed_ms: number;
  output_version: number | null;
  rows_in: number;
  rows_out: number;
  rows_dropped: number;
  rows_quarantined: number;
  error: string | null;
  /** What it read, JSON `{"table": version}` (-1: a Bronze table not ingested yet, read as empty). */
  input_versions: string;
  /** Expectations of that run that found rows (whatever their action). */
  findings: number;
};

/** The latest recorded run of each model (empty before the first run). */
export async function readLatestModelRuns(store: ModelStore): Promise<LatestModelRun[]> {
  if ((await store.latestVersion(MODEL_RUNS_TABLE)) < 0) return [];
  await store.ensureLoaded(MODEL_RUNS_TABLE);
  const hasResults = (await store.latestVersion(QUALITY_RESULTS_TABLE)) >= 0;
  if (hasResults) await store.ensureLoaded(QUALITY_RESULTS_TABLE);
  const findings = hasResults
    ? `(select count(*) from meta.quality_results q
        where q.run_id = r.run_id and q.model = r.model and not q.success)`
    : '0';
  return store.sql.query<LatestModelRun>(
    `select r.model, r.run_id, r.status, r.started_at, r.elapsed_ms, r.output_version, r.rows_in, r.rows_out,
            r.rows_dropped, r.rows_quarantined, r.error, r.input_versions, ${findings}::bigint as findings
     from meta.model_runs as r
     qualify row_number() over (partition by r.model order by r.started_at desc) = 1
     order by r.model`,
  );
}
