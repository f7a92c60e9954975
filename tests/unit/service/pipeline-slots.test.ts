import { beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import { Lake } from '../../../src/lake/lake';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { LakeModelStore } from '../../../src/pipeline/store/lake-model-store';
import type { CommitEvent } from '../../../src/service/commit-events';
import { createLakehouseService } from '../../../src/service/lakehouse-service';
import type { PipelineProgress } from '../../../src/service/pipeline-service';
import {
  buildQuery,
  DASHBOARD_QUERIES,
  dashboardTables,
  filtersOf,
  NO_FILTERS,
  tableOf,
} from '../../../src/ui/dashboard/dashboard-queries';
import { QueryCoordinator } from '../../../src/ui/query/coordinator';
import { appendBronze } from '../pipeline/helpers/bronze';
import { FIXTURE } from '../pipeline/helpers/fixture';

type Service = ReturnType<typeof createLakehouseService>;

/** A lakehouse service over a memory lake holding the fixture's Bronze rows, nothing built yet. */
async function freshService(): Promise<Service> {
  const { engine, parquet } = await bootNodeEngine();
  const storage = new MemoryStorage();
  const lake = new Lake({ engine, parquet, storage });
  const store = new LakeModelStore(lake, engine);
  for (const batch of FIXTURE) await appendBronze(store, batch);
  return createLakehouseService(Promise.resolve({ engine, parquet, storage, lake }), performance.now());
}

let service: Service;
beforeAll(async () => {
  service = await freshService();
});

describe('commit events and the engine between two models', () => {
  it("a chart asked for when its table lands answers before the run's next model starts", async () => {
    const log: string[] = [];
    const coordinator = new QueryCoordinator({
      query: (sql, params, limit) => service.lake.query(sql, params, limit),
    });
    const kpis = buildQuery('kpis', NO_FILTERS);
    const { id, versions } = await service.commits.subscribe((event: CommitEvent) => {
      if (event.kind === 'commit' && event.table.startsWith('gold.')) log.push(`${event.table} committed`);
      const asked = coordinator.commit(event);
      return asked;
    });
    coordinator.begin(versions);
    coordinator.onCommit((event) => {
      if (event.kind === 'commit' && event.table === 'gold.daily_sales')
        void coordinator.query(kpis).then((r) => log.push(`kpis answered: ${r.rows[0].orders} orders`));
    });
    const run = await service.pipeline.run(
      (p: PipelineProgress) => {
        if (p.status === 'running') log.push(`${p.model} running`);
      },
      { first: dashboardTables() },
    );
    await service.commits.unsubscribe(id);

    expect(run.status).toBe('success');
    const committed = log.indexOf('gold.daily_sales committed');
    const answered = log.findIndex((l) => l.startsWith('kpis answered'));
    expect(committed).toBeGreaterThan(0);
    // Right after the commit, before any other model runs.
    expect(log[answered - 1]).toBe('gold.daily_sales committed');
    expect(log.slice(answered + 1).some((l) => l.endsWith('running'))).toBe(true);
    expect(log[answered]).toMatch(/^kpis answered: [1-9]\d* orders$/);
  });

  it("every chart's query runs on the Gold the run built: filtered, and as of a version", async () => {
    const all = { from: '2017-01-01', to: '2018-12-31', state: 'SP', category: 'health_beauty' };
    for (const key of DASHBOARD_QUERIES) {
      const latest = await service.lake.query(
        buildQuery(key, NO_FILTERS).sql,
        buildQuery(key, NO_FILTERS).params,
      );
      const filtered = buildQuery(key, all);
      expect(filtered.params, key).toHaveLength(
        filtersOf(key).reduce((n, f) => n + (f === 'dates' ? 2 : 1), 0),
      );
      await service.lake.query(filtered.sql, filtered.params);
      const asOf = buildQuery(key, NO_FILTERS, { [tableOf(key)]: 0 });
      expect(asOf.sql, key).toContain('version as of 0');
      expect((await service.lake.query(asOf.sql, asOf.params)).rows, key).toEqual(latest.rows);
    }
  });

  it('the Dashboard reads the Gold tables its queries name, the first chart’s first', () => {
    expect(dashboardTables()).toEqual([
      'gold.daily_sales',
      'gold.category_monthly',
      'gold.delivery_performance',
      'gold.review_vs_delay',
      'gold.cohort_retention',
      'gold.funnel_daily',
      'gold.customer_rfm',
    ]);
  });

  it('a console query sent during a run runs between two models, not after the run', async () => {
    const log: string[] = [];
    let asked = false;
    await service.pipeline.run(
      (p: PipelineProgress) => {
        if (p.status !== 'running') return;
        log.push(`${p.model} running`);
        if (!asked) {
          asked = true;
          void service.lake.sql('select 42 as answer').then(() => log.push('console answered'));
        }
      },
      { select: { layer: 'silver' }, force: true },
    );
    const answered = log.indexOf('console answered');
    expect(answered).toBeGreaterThan(0);
    expect(log.slice(answered + 1).filter((l) => l.endsWith('running')).length).toBeGreaterThan(5);
  });

  it('a listener that never answers holds a run back by a moment at most: the run completes', async () => {
    const { id } = await service.commits.subscribe(() => new Promise<number>(() => undefined));
    const run = await service.pipeline.run(undefined, { select: { model: 'silver.customers' }, force: true });
    await service.commits.unsubscribe(id);
    expect(run.models.map((m) => [m.model, m.status])).toEqual([['silver.customers', 'success']]);
  });
});
