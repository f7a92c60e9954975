/** The latest result of every expectation of every model, newest run first within a model. */
export const LATEST_RESULTS_SQL = `
  select
    model,
    expectation,
    expectation_type,
    action,
    success,
    rows_checked,
    rows_failing,
    unexpected_percent,
    failing_sample,
    description,
    checked_at,
    run_id
  from meta.quality_results
  qualify row_number() over (partition by model, expectation order by checked_at desc, run_id desc) = 1
  order by model, success, expectation`;

/** One expectation's latest result, as the quality report shows it. */
export interface QualityFinding {
  model: string;
  expectation: string;
  expectation_type: string;
  action: 'warn' | 'drop' | 'quarantine' | 'fail';
  success: boolean;
  rows_checked: number;
  rows_failing: number;
  unexpected_percent: number | null;
  failing_sample: string;
  description: string | null;
  checked_at: string;
  run_id: string;
}

/** A model's findings with its totals. */
export interface ModelReport {
  model: string;
  layer: string;
  findings: QualityFinding[];
  failed: number;
}

/** Group findings by model, models with failures first, then by layer order. */
export function groupByModel(findings: QualityFinding[]): ModelReport[] {
  const layerOrder = ['bronze', 'silver', 'gold'];
  const byModel = new Map<string, QualityFinding[]>();
  for (const finding of findings)
    byModel.set(finding.model, [...(byModel.get(finding.model) ?? []), finding]);
  return [...byModel.entries()]
    .map(([model, items]) => ({
      model,
      layer: model.split('.')[0],
      findings: items,
      failed: items.filter((f) => !f.success).length,
    }))
    .sort(
      (a, b) =>
        Number(b.failed > 0) - Number(a.failed > 0) ||
        layerOrder.indexOf(a.layer) - layerOrder.indexOf(b.layer) ||
        a.model.localeCompare(b.model),
    );
}

/** What a failing check did to the data, in words. */
export function consequence(finding: QualityFinding): string {
  if (finding.success) return 'passed';
  const rows = `${finding.rows_failing.toLocaleString('en-US')} ${finding.rows_failing === 1 ? 'row' : 'rows'}`;
  switch (finding.action) {
    case 'warn':
      return `${rows} flagged; kept in the output`;
    case 'drop':
      return `${rows} dropped from the output`;
    case 'quarantine':
      return `${rows} moved to quarantine.${finding.model.replace('.', '_')}`;
    case 'fail':
      return `the model failed: its output was not committed`;
  }
}

/** The failing rows kept as a sample (a JSON array), or none. */
export function sampleRows(finding: QualityFinding): Record<string, unknown>[] {
  try {
    const rows = JSON.parse(finding.failing_sample) as unknown;
    return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
  } catch {
    return [];
  }
}
