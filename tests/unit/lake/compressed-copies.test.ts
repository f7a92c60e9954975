import { beforeAll, describe, expect, it } from 'vitest';
import { loadedTableSql, parseTableName } from '../../../src/lake/names';
import { lakeFixture, type LakeFixture } from './helpers';

// Loaded copies live in a DuckDB database attached in memory with COMPRESS: the same rows take a
// fraction of a plain in-memory table's space, and read back the same.

const EVENTS = `select md5(i::varchar) as event_id, md5((i // 20)::varchar) as session_id,
                       ['page_view', 'product_view', 'add_to_cart', 'purchase'][i % 4 + 1] as event_type,
                       ['desktop', 'mobile', 'tablet'][i % 3 + 1] as device,
                       timestamp '2024-01-01' + to_seconds(i) as event_ts
                from range(300000) t(i)`;

let fx: LakeFixture;

async function tableBytes(): Promise<number> {
  const [{ bytes }] = await fx.engine.query<{ bytes: number }>(
    `select sum(memory_usage_bytes)::double as bytes from duckdb_memory() where tag = 'IN_MEMORY_TABLE'`,
  );
  return Number(bytes);
}

beforeAll(async () => {
  fx = await lakeFixture();
  await fx.lake.write('silver.events', { sql: EVENTS, mode: 'overwrite' });
  await fx.lake.dropLoadedCopies();
});

describe('loaded copies', () => {
  it('take less than half the memory of a plain in-memory table of the same rows, and hold them all', async () => {
    const before = await tableBytes();
    await fx.lake.ensureLoaded('silver.events');
    const loaded = (await tableBytes()) - before;
    await fx.engine.exec(`create table main.plain_events as ${EVENTS}`);
    const plain = (await tableBytes()) - before - loaded;
    expect(loaded).toBeGreaterThan(0);
    expect(loaded).toBeLessThan(plain / 2);
    const [difference] = await fx.engine.query<{ n: number }>(
      `select count(*)::integer as n from (
         (select * from silver.events except all select * from main.plain_events)
         union all (select * from main.plain_events except all select * from silver.events))`,
    );
    expect(difference).toEqual({ n: 0 });
    await fx.engine.exec('drop table main.plain_events');
  });

  it('sit in the attached database, not beside the scratch tables', async () => {
    expect(loadedTableSql(parseTableName('silver.events'))).toBe('"__lake_tables"."__lake"."silver.events"');
    const rows = await fx.engine.query<{ database_name: string }>(
      `select database_name from duckdb_tables() where table_name = 'silver.events'`,
    );
    expect(rows).toEqual([{ database_name: '__lake_tables' }]);
  });
});
