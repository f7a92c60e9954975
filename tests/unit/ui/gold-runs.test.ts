import { describe, expect, it } from 'vitest';
import { goldRunChoices } from '../../../src/ui/dashboard/gold-runs';

const row = (run_id: string, model: string, output_version: number, started_at: string) => ({
  run_id,
  model,
  output_version,
  started_at,
});

describe('the Gold versions the Dashboard can be shown as of', () => {
  it('lists the runs newest first, each with every Gold version it left, earlier ones carried on', () => {
    const choices = goldRunChoices([
      row('b', 'gold.daily_sales', 1, '2026-12-02 06:10:00.500'),
      row('a', 'gold.daily_sales', 0, '2026-12-02 06:00:00.100'),
      row('a', 'gold.customer_rfm', 0, '2026-12-02 06:00:01.000'),
      row('c', 'gold.customer_rfm', 1, '2026-12-02 06:20:00.000'),
    ]);
    expect(choices).toEqual([
      {
        runId: 'c',
        startedAt: '2026-12-02 06:20:00',
        versions: { 'gold.daily_sales': 1, 'gold.customer_rfm': 1 },
      },
      {
        runId: 'b',
        startedAt: '2026-12-02 06:10:00',
        versions: { 'gold.daily_sales': 1, 'gold.customer_rfm': 0 },
      },
      {
        runId: 'a',
        startedAt: '2026-12-02 06:00:00',
        versions: { 'gold.daily_sales': 0, 'gold.customer_rfm': 0 },
      },
    ]);
  });

  it('offers nothing before the first run', () => {
    expect(goldRunChoices([])).toEqual([]);
  });
});
