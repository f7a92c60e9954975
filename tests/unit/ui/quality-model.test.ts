import { beforeAll, describe, expect, it } from 'vitest';
import { memoryService, type Service } from '../service/memory-service';
import { QualityModel } from '../../../src/ui/quality/QualityModel.svelte';

let service: Service;

beforeAll(async () => {
  service = await memoryService();
});

/** One expectation result as a pipeline run writes it to meta.quality_results. */
function result(model: string, expectation: string, success: boolean, checkedAt: string): string {
  return `select '${model}' as model, '${expectation}' as expectation, 'not_null' as expectation_type,
    'warn' as action, ${success} as success, 10 as rows_checked, ${success ? 0 : 2} as rows_failing,
    ${success ? 0 : 20.0} as unexpected_percent, '[]' as failing_sample, null::varchar as description,
    timestamp '${checkedAt}' as checked_at, 'run-${checkedAt}' as run_id`;
}

describe('the Quality screen model', () => {
  it('before any pipeline run shows no findings and no error, once read', async () => {
    const quality = new QualityModel(service.lake);
    expect(quality.loaded).toBe(false);
    await quality.load();
    expect([quality.loaded, quality.error, quality.reports]).toEqual([true, null, []]);
    expect(quality.totals).toEqual({ checks: 0, failing: 0, models: 0 });
  });

  it('keeps the latest result of each expectation, models with problems first, and counts them', async () => {
    await service.lake.write('meta.quality_results', {
      mode: 'overwrite',
      sql: [
        result('silver.orders', 'order_id not null', false, '2026-01-01 10:00:00'),
        result('silver.orders', 'order_id not null', true, '2026-01-02 10:00:00'),
        result('bronze.orders', 'has rows', true, '2026-01-02 10:00:00'),
        result('gold.daily_sales', 'day not null', false, '2026-01-02 10:00:00'),
      ].join(' union all '),
    });
    const quality = new QualityModel(service.lake);
    await quality.load();
    expect(quality.error).toBeNull();
    expect(quality.reports.map((r) => [r.model, r.failed, r.findings.length])).toEqual([
      ['gold.daily_sales', 1, 1],
      ['bronze.orders', 0, 1],
      ['silver.orders', 0, 1],
    ]);
    expect(quality.totals).toEqual({ checks: 3, failing: 1, models: 3 });
  });

  it('shows the message DuckDB gave when the results cannot be read', async () => {
    await service.lake.write('meta.quality_results', { mode: 'overwrite', sql: `select 1 as model` });
    const quality = new QualityModel(service.lake);
    await quality.load();
    expect(quality.loaded).toBe(true);
    expect(quality.error).toMatch(/^Binder Error: Referenced column expectation not found/);
  });
});
