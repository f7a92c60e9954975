import { beforeEach, describe, expect, it } from 'vitest';
import type { ParquetCodec } from '../../../src/engine/parquet-codec';
import { LAKE_SETUP_SQL } from '../../../src/lake/names';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { writeDataFiles } from '../../../src/lake/write/data-writer';
import { countingCodec, resetCounts, type DecodeCounts } from './counting-codec';
import { lakeFixture, loadedCopyDifference, recordingEngine, type LakeFixture } from './helpers';

// A create or an overwrite makes its written rows the whole loaded table. That copy is built
// before the commit, while the encode worker encodes the last files (the two run on two cores),
// under a name of its own; the commit renames it into place. A write that fails or commits
// nothing leaves no such table behind and the loaded table as it was.

const REPLACEMENT = '__replacement.silver.numbers';
const numbers = (from: number, to: number) =>
  `select i::bigint as id, 'name ' || i as name from range(${from}, ${to}) t(i)`;

/** A codec whose encodes wait until `release()`; `waiting` counts the encodes held. */
function gatedCodec(inner: ParquetCodec) {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const codec = {
    ...inner,
    waiting: 0,
    requests: 0,
    failWith: null as Error | null,
    async writeMany(ipcs: Uint8Array[]) {
      codec.requests++;
      codec.waiting++;
      await gate;
      codec.waiting--;
      if (codec.failWith) throw codec.failWith;
      return inner.writeMany(ipcs);
    },
    release: () => open(),
  };
  return codec;
}

let fx: LakeFixture;
let codec: ReturnType<typeof gatedCodec>;
let statements: string[];
const decoded: DecodeCounts = { whole: 0, batched: 0, batches: 0 };

beforeEach(async () => {
  statements = [];
  const base = await lakeFixture();
  codec = gatedCodec(countingCodec(base.parquet, decoded));
  fx = await lakeFixture({
    storage: base.storage,
    engine: recordingEngine(base.engine, statements),
    parquet: codec,
  });
});

/** Tables of the loaded copies' database whose name is `name`. */
async function tablesNamed(name: string): Promise<number> {
  const [{ n }] = await fx.engine.query<{ n: number }>(
    `select count(*)::INTEGER as n from duckdb_tables() where database_name = '__lake_tables' and table_name = ?`,
    [name],
  );
  return n;
}

/** Wait until `check` holds (the write runs on while the test waits). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

const copiedIntoReplacement = () =>
  statements.some((sql) => /^\s*insert into/i.test(sql) && sql.includes(REPLACEMENT));

describe("a create's or overwrite's loaded copy", () => {
  it('is built while its files are still being encoded, before the commit, then renamed into place', async () => {
    const writing = fx.lake.write('silver.numbers', { sql: numbers(0, 50_000), mode: 'overwrite' });
    await until(copiedIntoReplacement);
    // The rows are in the replacement while the encoder still holds the file: nothing committed yet.
    expect(codec.waiting).toBe(1);
    expect(await fx.storage.list('tables/silver/numbers/_delta_log')).toEqual([]);
    expect(await tablesNamed(REPLACEMENT)).toBe(1);
    expect(await tablesNamed('silver.numbers')).toBe(0);
    codec.release();
    expect(await writing).toMatchObject({ version: 0 });
    expect(await tablesNamed(REPLACEMENT)).toBe(0);
    resetCounts(decoded);
    await fx.lake.ensureLoaded('silver.numbers');
    expect(decoded).toEqual({ whole: 0, batched: 0, batches: 0 });
    expect(
      await fx.engine.query(
        `select count(*)::INTEGER as n, sum(id)::BIGINT as total from silver.numbers where name = 'name ' || id`,
      ),
    ).toEqual([{ n: 50_000, total: (50_000 * 49_999) / 2 }]);
    // The loaded copy holds what the files hold: read back from them, the rows are the same.
    expect(await loadedCopyDifference(fx, 'silver.numbers', decoded)).toBe(0);
  });

  it('is dropped, with nothing committed and the old rows still loaded, when the encoder fails', async () => {
    codec.release();
    await fx.lake.write('silver.numbers', { sql: numbers(0, 10), mode: 'overwrite' });
    codec.failWith = new Error('The Parquet encode worker stopped: out of memory');
    await expect(
      fx.lake.write('silver.numbers', { sql: numbers(100, 50_100), mode: 'overwrite' }),
    ).rejects.toThrow('The Parquet encode worker stopped: out of memory');
    expect(copiedIntoReplacement()).toBe(true);
    expect(await tablesNamed(REPLACEMENT)).toBe(0);
    expect((await fx.lake.history('silver.numbers')).map((h) => h.version)).toEqual([0]);
    expect(
      await fx.engine.query('select count(*)::INTEGER as n, max(id)::INTEGER as top from silver.numbers'),
    ).toEqual([{ n: 10, top: 9 }]);
  });

  it('is dropped, and the loaded table kept, when the commit is skipped (an idempotent write seen before)', async () => {
    codec.release();
    const txn = { appId: 'loader', version: 1 };
    await fx.lake.write('silver.numbers', { sql: numbers(0, 10), mode: 'overwrite', txn });
    const again = await fx.lake.write('silver.numbers', { sql: numbers(100, 200), mode: 'overwrite', txn });
    expect(again).toMatchObject({ skipped: true });
    expect(copiedIntoReplacement()).toBe(true);
    expect(await tablesNamed(REPLACEMENT)).toBe(0);
    expect(
      await fx.engine.query('select count(*)::INTEGER as n, max(id)::INTEGER as top from silver.numbers'),
    ).toEqual([{ n: 10, top: 9 }]);
  });
});

describe('a write with a loaded copy to build', () => {
  it('builds it after a file of more Arrow than the encoder holds at once is encoded, not beside it', async () => {
    // One file of ~65 MB of Arrow, more than IPC_BYTES_IN_FLIGHT: its IPC alive in the encode
    // worker while DuckDB's memory grows for the copy would add to the peak, so the copy waits.
    for (const statement of LAKE_SETUP_SQL) await fx.engine.exec(statement);
    const seen: { requests: number; waiting: number }[] = [];
    const writing = writeDataFiles(
      { engine: fx.engine, parquet: codec, storage: new MemoryStorage(), clock: () => 0 },
      {
        folder: 'tables/silver/wide',
        schema: [
          { name: 'id', type: 'long', nullable: true, metadata: {} },
          { name: 's', type: 'string', nullable: true, metadata: {} },
        ],
        partitionColumns: [],
      },
      `select i::bigint as id, repeat('x', 90) || i as s from range(600000) t(i)`,
      [],
      {
        maxRowsPerFile: 1_000_000,
        dataChange: true,
        loadedCopy: {
          tableSql: 'main.wide_copy',
          build: async () => {
            seen.push({ requests: codec.requests, waiting: codec.waiting });
          },
        },
      },
    );
    await until(() => codec.waiting === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([]);
    codec.release();
    const written = await writing;
    expect(seen).toEqual([{ requests: 1, waiting: 0 }]);
    expect(written.adds).toHaveLength(1);
    expect(written.rows.tables).toContain('main.wide_copy');
    for (const table of written.rows.tables) await fx.engine.exec(`DROP TABLE IF EXISTS ${table}`);
  });
});
