import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../src/node/boot-node';
import type { DuckDbEngine } from '../../src/engine/duckdb-engine';
import { SqlError } from '../../src/engine/errors';

let engine: DuckDbEngine;

beforeAll(async () => {
  ({ engine } = await bootNodeEngine());
  await engine.exec(
    `create table wide as select range as id, md5(range::varchar) || md5((range + 1)::varchar) as a,
            md5((range * 7)::varchar) as b, range % 1000 = 0 as flag from range(400000)`,
  );
});

describe('exporting query results as Arrow', () => {
  it('streams a large result out of DuckDB without a second copy in its WebAssembly memory', async () => {
    // Warm up the allocator with one export of each kind, then measure the next ones.
    await engine.queryArrow('select * from wide');
    await engine.queryArrow('select * from wide where id >= ?', [0]);
    const before = engine.wasmMemoryBytes();
    const plain = await engine.queryArrow('select * from wide');
    const bound = await engine.queryArrow('select * from wide where id >= ? and id < ?', [0, 400000]);
    const grown = engine.wasmMemoryBytes() - before;
    expect(plain.byteLength).toBeGreaterThan(30_000_000);
    expect(grown).toBeLessThan(plain.byteLength / 4);
    for (const ipc of [plain, bound]) {
      const table = tableFromIPC(ipc);
      expect(table.numRows).toBe(400000);
      expect(Number(table.get(399999)!.id)).toBe(399999);
      expect(table.get(399999)!.a).toHaveLength(64);
    }
  });

  it('gives the same rows as a materialized query, and an empty result its columns', async () => {
    const rows = await engine.query('select id, a, flag from wide where id < 3 order by id');
    const exported = tableFromIPC(
      await engine.queryArrow('select id, a, flag from wide where id < ? order by id', [3]),
    );
    expect(exported.toArray().map((r) => ({ ...r.toJSON(), id: Number(r.id) }))).toEqual(rows);
    const empty = tableFromIPC(await engine.queryArrow('select id, a from wide where id < ?', [0]));
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields.map((f) => f.name)).toEqual(['id', 'a']);
  });

  it('keeps every row when DuckDB asks to retry a chunk that was not ready (a slow chunk or a busy machine)', async () => {
    // A polling interval of 0 makes DuckDB-WASM answer "retry" whenever the next chunk is not ready
    // at once, as a loaded machine does after 100 ms; a result read to the first retry lost rows.
    const { engine: impatient } = await bootNodeEngine({ query: { queryPollingInterval: 0 } });
    try {
      const filtered = tableFromIPC(
        await impatient.queryArrow('select range as n from range(3000000) where range % 7 = ?', [0]),
      );
      expect(filtered.numRows).toBe(428572);
      expect(Number(filtered.get(428571)!.n)).toBe(2999997);
      const plain = tableFromIPC(
        await impatient.queryArrow('select range as n from range(3000000) where range % 7 = 0'),
      );
      expect(plain.numRows).toBe(428572);
    } finally {
      impatient.close();
    }
  });

  it('reports an error raised while the result streams, with the SQL, and the connection stays usable', async () => {
    const sql = `select case when id < 399000 then id::varchar else 'x' end::integer as n from wide where id >= ?`;
    const failure = await engine.queryArrow(sql, [0]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SqlError);
    expect((failure as SqlError).message).toContain(`Could not convert string 'x' to INT32`);
    expect((failure as SqlError).sql).toBe(sql);
    const unbound = await engine.queryArrow(sql.replace('?', '0')).catch((e: unknown) => e);
    expect((unbound as SqlError).message).toContain(`Could not convert string 'x' to INT32`);
    expect(await engine.query('select count(*)::int as n from wide')).toEqual([{ n: 400000 }]);
  });
});
