import { describe, expect, it } from 'vitest';
import { joinRuns } from '../../../src/pipeline/runner/join-runs';
import type {
  ModelRunResult,
  ModelRunStatus,
  PipelineRunResult,
} from '../../../src/pipeline/runner/run-types';

const model = (name: string, status: ModelRunStatus, elapsedMs = 0): ModelRunResult => ({
  model: name,
  layer: name.startsWith('gold.') ? 'gold' : 'silver',
  status,
  startedAt: '2026-12-02 13:00:00.000',
  elapsedMs,
  inputVersions: {},
  outputVersion: status === 'success' ? 0 : null,
  rowsIn: 0,
  rowsOut: 0,
  rowsDropped: 0,
  rowsQuarantined: 0,
  expectations: [],
});

const run = (runId: string, elapsedMs: number, models: ModelRunResult[]): PipelineRunResult => ({
  runId,
  startedAt: `${runId} start`,
  elapsedMs,
  status: models.some((m) => m.status === 'success') ? 'success' : 'up_to_date',
  models,
});

describe('joinRuns', () => {
  it('tells two stages as one run: what the first built stays built, the second adds what it ran', () => {
    const earlier = run('a', 100, [
      model('silver.orders', 'success', 60),
      model('gold.daily_sales', 'success', 40),
    ]);
    const later = run('b', 30, [
      model('silver.orders', 'up_to_date'),
      model('gold.daily_sales', 'up_to_date'),
      model('silver.events', 'success', 30),
    ]);
    const joined = joinRuns(earlier, later);
    expect(joined.models.map((m) => [m.model, m.status, m.elapsedMs])).toEqual([
      ['silver.orders', 'success', 60],
      ['gold.daily_sales', 'success', 40],
      ['silver.events', 'success', 30],
    ]);
    expect(joined).toMatchObject({ runId: 'b', startedAt: 'a start', elapsedMs: 130, status: 'success' });
    expect(joined.failure).toBeUndefined();
  });

  it('keeps a failure of either stage, and up to date only when neither ran anything', () => {
    const failed = {
      ...run('a', 5, [model('silver.orders', 'failed')]),
      failure: { model: 'silver.orders', reason: 'boom' },
    };
    const joined = joinRuns(
      failed,
      run('b', 1, [model('silver.orders', 'failed'), model('silver.events', 'up_to_date')]),
    );
    expect(joined.status).toBe('failed');
    expect(joined.failure).toEqual({ model: 'silver.orders', reason: 'boom' });
    const idle = joinRuns(
      run('a', 1, [model('silver.orders', 'up_to_date')]),
      run('b', 1, [model('silver.orders', 'up_to_date')]),
    );
    expect(idle.status).toBe('up_to_date');
  });
});
