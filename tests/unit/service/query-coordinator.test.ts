import { beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { QueryResult, SqlValue } from '../../../src/engine/types';
import { Lake } from '../../../src/lake/lake';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import type { CommitEvent } from '../../../src/service/commit-events';
import { createLakehouseService } from '../../../src/service/lakehouse-service';
import { buildQuery, NO_FILTERS } from '../../../src/ui/dashboard/dashboard-queries';
import { Priority, QueryCancelled, QueryCoordinator, TablesMissing } from '../../../src/ui/query/coordinator';

type Service = ReturnType<typeof createLakehouseService>;
let service: Service;

beforeAll(async () => {
  const { engine, parquet } = await bootNodeEngine();
  const storage = new MemoryStorage();
  const lake = new Lake({ engine, parquet, storage });
  service = createLakehouseService(Promise.resolve({ engine, parquet, storage, lake }), performance.now());
  await service.lake.write('gold.sales', {
    mode: 'overwrite',
    sql: `select * from (values ('SP', 10), ('RJ', 20), ('MG', 5)) t(state, orders)`,
  });
});

/** A coordinator over the real service, fed by its commit events, counting what reaches the engine. */
async function coordinated(maxInFlight = 6) {
  const asked: string[] = [];
  const coordinator = new QueryCoordinator(
    {
      query: (sql: string, params: SqlValue[], limit: number): Promise<QueryResult> => {
        asked.push(sql);
        return service.lake.query(sql, params, limit);
      },
    },
    {
      maxInFlight,
      versions: async () =>
        Object.fromEntries((await service.lake.listTables()).map((t) => [t.name, t.version])),
    },
  );
  const { id, versions } = await service.commits.subscribe((event: CommitEvent) => coordinator.commit(event));
  coordinator.begin(versions);
  return { coordinator, asked, stop: () => service.commits.unsubscribe(id) };
}

const TOTAL = 'select sum(orders)::int as orders from gold.sales';

describe('the query coordinator over the real engine', () => {
  it('answers from its cache while nothing the query read has changed, and asks again once a commit moves it on', async () => {
    const { coordinator, asked, stop } = await coordinated();
    expect((await coordinator.query({ sql: TOTAL })).rows).toEqual([{ orders: 35 }]);
    expect((await coordinator.query({ sql: TOTAL })).rows).toEqual([{ orders: 35 }]);
    expect(asked).toHaveLength(1);

    await service.lake.write('gold.sales', { mode: 'append', sql: `select 'BA' as state, 100 as orders` });
    expect(coordinator.version('gold.sales')).toBe(1);
    expect((await coordinator.query({ sql: TOTAL })).rows).toEqual([{ orders: 135 }]);
    expect(asked).toHaveLength(2);
    await stop();
  });

  it('keeps a VERSION AS OF answer across later commits', async () => {
    const { coordinator, asked, stop } = await coordinated();
    const pinned = 'select sum(orders)::int as orders from gold.sales version as of 0';
    expect((await coordinator.query({ sql: pinned })).rows).toEqual([{ orders: 35 }]);
    await service.lake.write('gold.sales', { mode: 'append', sql: `select 'PE' as state, 1 as orders` });
    expect((await coordinator.query({ sql: pinned })).rows).toEqual([{ orders: 35 }]);
    expect(asked).toHaveLength(1);
    await stop();
  });

  it('runs waiting queries by priority, then in the order they were asked', async () => {
    const { coordinator, asked, stop } = await coordinated(1);
    const q = (n: number) => `select ${n} as n from gold.sales limit 1`;
    const answers = await Promise.all([
      coordinator.query({ sql: q(1) }), // sent at once: the one slot is free
      coordinator.query({ sql: q(2), priority: Priority.Low }),
      coordinator.query({ sql: q(3), priority: Priority.Normal }),
      coordinator.query({ sql: q(4), priority: Priority.High }),
      coordinator.query({ sql: q(5), priority: Priority.High }),
    ]);
    expect(answers.map((a) => a.rows[0].n)).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toEqual([q(1), q(4), q(5), q(3), q(2)]);
    await stop();
  });

  it("drops a client's stale request when a newer one comes: the older one rejects and is never sent", async () => {
    const { coordinator, asked, stop } = await coordinated(1);
    const busy = coordinator.query({ sql: 'select count(*) as n from gold.sales' });
    const stale = coordinator.query({ sql: `${TOTAL} where state = 'SP'`, client: 'chart' });
    const fresh = coordinator.query({ sql: `${TOTAL} where state = 'RJ'`, client: 'chart' });
    await expect(stale).rejects.toBeInstanceOf(QueryCancelled);
    expect((await fresh).rows).toEqual([{ orders: 20 }]);
    await busy;
    expect(asked).not.toContain(`${TOTAL} where state = 'SP'`);
    await stop();
  });

  it('refuses a query on a table the lake does not have, sending nothing, until the table lands', async () => {
    const { coordinator, asked, stop } = await coordinated();
    const sql = 'select count(*)::int as n from gold.not_yet';
    await expect(coordinator.query({ sql })).rejects.toEqual(new TablesMissing(['gold.not_yet']));
    expect(asked).toHaveLength(0);
    await service.lake.write('gold.not_yet', { mode: 'overwrite', sql: 'select 1 as x' });
    expect((await coordinator.query({ sql })).rows).toEqual([{ n: 1 }]);
    await stop();
  });

  it('binds filter values as parameters: a value with quotes is only a value', async () => {
    const { coordinator, stop } = await coordinated();
    await service.lake.write('gold.delivery_performance', {
      mode: 'overwrite',
      sql: `select date '2018-01-01' as month, 'SP' as customer_state, 10 as delivered_orders,
                   3.5::double as avg_delivery_days, 2 as late_orders, 0.2::double as late_rate`,
    });
    const evil = buildQuery('deliveryByState', { ...NO_FILTERS, state: "SP' or '1'='1" });
    expect((await coordinator.query(evil)).rows).toEqual([]);
    const sp = buildQuery('deliveryByState', { ...NO_FILTERS, state: 'SP', from: '2018-01-15' });
    expect((await coordinator.query(sp)).rows).toEqual([
      { state: 'SP', delivered_orders: 10, late_rate: 0.2, avg_delivery_days: 3.5 },
    ]);
    await stop();
  });

  it('refuses anything but one SELECT, naming what it found, and changes nothing', async () => {
    await expect(service.lake.query("delete from gold.sales where state = 'SP'")).rejects.toThrow(
      'A read query is one SELECT; this one starts with DELETE',
    );
    await expect(service.lake.query('select 1; select 2')).rejects.toThrow(
      'A read query is one SELECT; this text has 2 statements',
    );
    await expect(
      service.lake.query('with x as (select 1) insert into gold.sales select * from gold.sales'),
    ).rejects.toThrow('A read query is one SELECT; this one has INSERT');
    expect(
      (await service.lake.query("select count(*)::int as n from gold.sales where state = 'SP'")).rows,
    ).toEqual([{ n: 1 }]);
  });

  it('after a reset forgets every answer and reads the versions again before answering', async () => {
    const { coordinator, stop } = await coordinated();
    expect((await coordinator.query({ sql: TOTAL })).rows[0].orders).toBeGreaterThan(0);
    await service.admin.reset();
    await expect(coordinator.query({ sql: TOTAL })).rejects.toEqual(new TablesMissing(['gold.sales']));
    await service.lake.write('gold.sales', { mode: 'overwrite', sql: `select 'AC' as state, 7 as orders` });
    expect((await coordinator.query({ sql: TOTAL })).rows).toEqual([{ orders: 7 }]);
    await stop();
  });
});
