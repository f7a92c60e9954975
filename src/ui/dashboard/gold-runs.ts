import type { GoldVersions } from './dashboard-queries';

/** The Gold tables' versions after each pipeline run, read from the lineage in meta.model_runs. */
export const GOLD_RUNS_QUERY = `select run_id, model, output_version::int as output_version, started_at::varchar as started_at
  from meta.model_runs
  where status = 'success' and output_version is not null and model like 'gold.%'
  order by started_at, model`;

/** One lineage row of a Gold model's successful run. */
export interface GoldRunRow {
  run_id: string;
  model: string;
  output_version: number;
  started_at: string;
}

/** A point the Dashboard can be shown as of: the Gold versions as a pipeline run left them. */
export interface GoldRunChoice {
  runId: string;
  /** When the run started, `YYYY-MM-DD HH:MM:SS` (UTC). */
  startedAt: string;
  /** Every Gold table's version once the run had ended (a table it did not write keeps its earlier one). */
  versions: GoldVersions;
}

/** The runs that wrote Gold, newest first, each with the Gold versions it left behind. */
export function goldRunChoices(rows: readonly GoldRunRow[]): GoldRunChoice[] {
  const runs = new Map<string, GoldRunRow[]>();
  for (const row of rows) runs.set(row.run_id, [...(runs.get(row.run_id) ?? []), row]);
  const ordered = [...runs.entries()].sort(([, a], [, b]) => earliest(a).localeCompare(earliest(b)));
  const choices: GoldRunChoice[] = [];
  let versions: GoldVersions = {};
  for (const [runId, written] of ordered) {
    versions = { ...versions };
    for (const row of written) versions[row.model] = Number(row.output_version);
    choices.push({ runId, startedAt: earliest(written).slice(0, 19), versions });
  }
  return choices.reverse();
}

function earliest(rows: readonly GoldRunRow[]): string {
  return rows.reduce((min, r) => (r.started_at < min ? r.started_at : min), rows[0].started_at);
}
