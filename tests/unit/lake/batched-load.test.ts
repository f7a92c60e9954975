import { createRequire } from 'node:module';
import type * as ParquetWasm from 'parquet-wasm/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { DUCKDB_ROW_GROUP_ROWS } from '../../../src/engine/row-group';
import { LOAD_BATCH_ROWS } from '../../../src/lake/read/loader';
import { countingCodec, resetCounts, type DecodeCounts } from './counting-codec';
import { lakeFixture, type LakeFixture } from './helpers';

// A data file larger than a load batch is decoded and inserted a batch at a time; the rows read
// back must be exactly the rows written, in every column. A write cuts its files at one batch
// (DEFAULT_MAX_ROWS_PER_FILE), so the large file is made by OPTIMIZE, as a table written
// elsewhere (or by an earlier version of the app) may have them.

const ROWS = LOAD_BATCH_ROWS + 12_345;
const SOURCE = `select i::bigint as id, 'event ' || i as name, (i % 1000)::integer as bucket,
                       case when i % 11 = 0 then null else i * 0.25 end::double as amount,
                       timestamp '2024-01-01' + to_seconds(i) as happened_at
                from range(${ROWS}) t(i)`;

let fx: LakeFixture;
const calls: DecodeCounts = { whole: 0, batched: 0, batches: 0 };

beforeAll(async () => {
  const base = await lakeFixture();
  fx = await lakeFixture({ parquet: countingCodec(base.parquet, calls), storage: base.storage });
  await fx.lake.write('silver.big', { sql: SOURCE, mode: 'overwrite' });
  await fx.lake.optimize('silver.big', { targetFileBytes: 1 << 30 });
  await fx.lake.write('silver.small', { sql: `${SOURCE} limit 1000`, mode: 'overwrite' });
  await fx.lake.dropLoadedCopies();
});

describe('a data file larger than a load batch', () => {
  it('is loaded a batch at a time, with exactly the rows written', async () => {
    resetCounts(calls);
    await fx.lake.ensureLoaded('silver.big');
    expect(calls).toEqual({ whole: 0, batched: 1, batches: 2 });
    const [difference] = await fx.engine.query<{ extra: number; missing: number }>(
      `select (select count(*) from (select * from silver.big except all (${SOURCE})))::integer as extra,
              (select count(*) from ((${SOURCE}) except all select * from silver.big))::integer as missing`,
    );
    expect(difference).toEqual({ extra: 0, missing: 0 });
  });

  it("is written in row groups of DuckDB's size, so a batch decodes one small row group", async () => {
    const pq = createRequire(import.meta.url)('parquet-wasm/node') as typeof ParquetWasm;
    const files = await fx.lake.files('silver.big');
    expect(files.map((f) => f.numRecords)).toEqual([ROWS]);
    const file = await pq.ParquetFile.fromFile(
      new Blob([(await fx.storage.read(`tables/silver/big/${files[0].path}`)) as Uint8Array<ArrayBuffer>]),
    );
    try {
      const groups = file
        .metadata()
        .rowGroups()
        .map((group) => group.numRows());
      expect(groups).toEqual([DUCKDB_ROW_GROUP_ROWS, 12_345]);
    } finally {
      file.free();
    }
  });

  it('keeps a small file in one piece', async () => {
    resetCounts(calls);
    await fx.lake.ensureLoaded('silver.small');
    expect(calls).toEqual({ whole: 1, batched: 0, batches: 0 });
    expect(await fx.engine.query('select count(*)::integer as n from silver.small')).toEqual([{ n: 1000 }]);
  });

  it('reads back a version with a MERGE of it in batches too (file ids per row)', async () => {
    await fx.lake.merge('silver.big', {
      sourceSql: `select id, name || ' changed' as name, bucket, amount, happened_at from (${SOURCE}) where id in (5, ${ROWS - 1})`,
      keys: ['id'],
    });
    await fx.lake.dropLoadedCopies();
    await fx.lake.ensureLoaded('silver.big');
    expect(
      await fx.engine.query(
        `select count(*)::integer as n, count(*) filter (where name like '% changed')::integer as changed from silver.big`,
      ),
    ).toEqual([{ n: ROWS, changed: 2 }]);
  });
});
