import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deletionVectorFile as dvFileOf, readDeletedRows } from '../../../src/lake/delta/deletion-vector';
import { readRoaringBitmapArray } from '../../../src/lake/delta/roaring';
import { z85Decode } from '../../../src/lake/delta/z85';
import {
  DeltaTableBuilder,
  add,
  commitInfo,
  deletionVectorFile,
  encodeRoaringBitmapArray,
  field,
  inlineDv,
  metaData,
  protocol,
  relativeDvId,
  remove,
} from './delta-builder';
import { GOLDEN_DIR, failure, lakeFixture, type LakeFixture } from './helpers';

const noFile = () => Promise.reject(new Error('no file'));
const context = { table: 't.x', dataFile: 'part-0.parquet' };

describe('deletion vector encoding (PROTOCOL.md "Deletion Vector Format")', () => {
  it("decodes the protocol's inline example (native format, big-endian framing) to its rows 3, 4, 7, 11, 18, 29", async () => {
    const dv = {
      storageType: 'i',
      pathOrInlineDv: 'wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L',
      sizeInBytes: 40,
      cardinality: 6,
    };
    expect(await readDeletedRows(dv, noFile, context)).toEqual([3, 4, 7, 11, 18, 29]);
  });

  it('finds the on-disk DV of the Databricks table from its Z85-encoded UUID, with and without a prefix', () => {
    const dv = {
      storageType: 'u',
      pathOrInlineDv: 'vBn[lx{q8@P<9BNH/isA',
      offset: 1,
      sizeInBytes: 36,
      cardinality: 2,
    };
    expect(dvFileOf(dv)).toBe('deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin');
    expect(dvFileOf({ ...dv, pathOrInlineDv: `ab${dv.pathOrInlineDv}` })).toBe(
      'ab/deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin',
    );
    expect(dvFileOf({ ...dv, storageType: 'p', pathOrInlineDv: 's3://b/t/deletion_vector_x.bin' })).toBe(
      's3://b/t/deletion_vector_x.bin',
    );
  });

  it('reads the Databricks DV file: version byte, big-endian size, magic, bitmap, CRC-32', async () => {
    const bytes = new Uint8Array(
      readFileSync(
        join(GOLDEN_DIR, 'table-with-dv-small/deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin'),
      ),
    );
    const dv = {
      storageType: 'u',
      pathOrInlineDv: 'vBn[lx{q8@P<9BNH/isA',
      offset: 1,
      sizeInBytes: 36,
      cardinality: 2,
    };
    expect(await readDeletedRows(dv, async () => bytes, context)).toEqual([0, 9]);
    const damaged = bytes.slice();
    damaged[20] ^= 0xff;
    expect((await failure(readDeletedRows(dv, async () => damaged, context))).message).toBe(
      'The deletion vector of part-0.parquet in t.x cannot be read: the DV at offset 1 fails its CRC-32 checksum',
    );
    expect(
      (await failure(readDeletedRows({ ...dv, sizeInBytes: 40 }, async () => bytes, context))).message,
    ).toBe(
      'The deletion vector of part-0.parquet in t.x cannot be read: the DV at offset 1 has 36 bytes, the log says 40',
    );
    expect(
      (await failure(readDeletedRows({ ...dv, cardinality: 3 }, async () => bytes, context))).message,
    ).toBe('The deletion vector of part-0.parquet in t.x cannot be read: it holds 2 rows, the log says 3');
  });

  it('reads array, bitmap and run containers, and 64-bit rows in several buckets', () => {
    const dense = Array.from({ length: 6000 }, (_, i) => 70_000 + i * 3); // > 4096 in one container: a bitmap
    const runs = Array.from({ length: 3000 }, (_, i) => 200_000 + i); // one long run
    const wide = [5, 2 ** 32 + 7, 3 * 2 ** 32 + 65_536]; // three buckets
    const all = [1, 2, 40_000, ...dense, ...runs].sort((a, b) => a - b);
    expect(readRoaringBitmapArray(encodeRoaringBitmapArray(all))).toEqual(all);
    expect(readRoaringBitmapArray(encodeRoaringBitmapArray(runs, 'run'))).toEqual(runs);
    expect(
      readRoaringBitmapArray(
        encodeRoaringBitmapArray(
          [...all, ...wide].sort((a, b) => a - b),
          'run',
        ),
      ),
    ).toEqual([...all, ...wide].sort((a, b) => a - b));
    expect(readRoaringBitmapArray(encodeRoaringBitmapArray(wide))).toEqual(wide);
    // Delta's older native format (as Spark reads it, little endian): bitmap i holds high bits i.
    const low = encodeRoaringBitmapArray([3, 70_000]).subarray(16);
    const high = encodeRoaringBitmapArray([5]).subarray(16);
    const le = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
    const native = Uint8Array.from([
      ...le(1681511376),
      ...le(2),
      ...le(low.length),
      ...low,
      ...le(high.length),
      ...high,
    ]);
    expect(readRoaringBitmapArray(native)).toEqual([3, 70_000, 2 ** 32 + 5]);
  });

  it('refuses bytes that are not a RoaringBitmapArray, and Z85 that is not Z85', async () => {
    const bytes = encodeRoaringBitmapArray([1, 2, 3]);
    bytes[0] ^= 2;
    expect(() => readRoaringBitmapArray(bytes)).toThrow('its magic number is 1681511379, not 1681511377');
    const cut = encodeRoaringBitmapArray([1, 2, 3]).subarray(0, 24);
    expect(() => readRoaringBitmapArray(cut)).toThrow('it ends after 24 bytes, in the middle of a bitmap');
    expect(() => z85Decode('abc')).toThrow('Z85 text must be a multiple of 5 characters long, not 3');
    expect(
      (await failure(readDeletedRows({ ...inlineDv([1]), pathOrInlineDv: 'aaaa~' }, noFile, context)))
        .message,
    ).toBe('The deletion vector of part-0.parquet in t.x cannot be read: "~" is not a Z85 character');
  });
});

describe('tables with deletion vectors', () => {
  let fx: LakeFixture;
  const schema = [field('id', 'long'), field('label', 'string')];
  beforeAll(async () => {
    fx = await lakeFixture();
  });

  it('hides the rows of inline and on-disk DVs at every version, and follows a DV replaced by a later commit', async () => {
    const t = new DeltaTableBuilder(fx, 'tables/ext/dv');
    const a = await t.parquet('part-a.parquet', `SELECT range AS id, 'a' || range AS label FROM range(10)`);
    const b = await t.parquet(
      'x/part-b.parquet',
      `SELECT 100 + range AS id, 'b' || range AS label FROM range(70000)`,
    );
    const stats = (n: number) => ({
      stats: JSON.stringify({ numRecords: n, minValues: {}, maxValues: {}, nullCount: {} }),
    });
    await t.commit(0, [
      commitInfo(1_700_000_000_000),
      protocol(3, 7, ['deletionVectors']),
      metaData(schema),
      add(a, stats(10)),
      add(b, stats(70000)),
    ]);
    // Version 1: an inline DV on a; version 2: on-disk DVs (two in one file, a random prefix) on a and b.
    const inline = inlineDv([0, 3, 9]);
    await t.commit(1, [
      commitInfo(1_700_000_100_000, 'DELETE'),
      remove(a),
      add(a, { ...stats(10), deletionVector: inline }),
    ]);
    const bigDelete = [
      ...Array.from({ length: 5000 }, (_, i) => i * 2),
      ...Array.from({ length: 2000 }, (_, i) => 60000 + i),
    ];
    const file = deletionVectorFile([
      encodeRoaringBitmapArray([0, 1, 3, 9]),
      encodeRoaringBitmapArray(bigDelete, 'auto'),
    ]);
    const uuid = '0b9d1e22-8f3a-4c1e-9a51-6d2f0c7b8e10';
    await t.file(`xy/deletion_vector_${uuid}.bin`, file.bytes);
    const onDisk = (offset: number, rows: number[]) => ({
      storageType: 'u',
      pathOrInlineDv: relativeDvId(uuid, 'xy'),
      offset,
      sizeInBytes: encodeRoaringBitmapArray(rows).length,
      cardinality: new Set(rows).size,
    });
    await t.commit(2, [
      commitInfo(1_700_000_200_000, 'DELETE'),
      remove(a, { deletionVector: inline }),
      add(a, { ...stats(10), deletionVector: onDisk(file.offsets[0], [0, 1, 3, 9]) }),
      remove(b),
      add(b, { ...stats(70000), deletionVector: onDisk(file.offsets[1], bigDelete) }),
    ]);
    const count = async (sql: string) => Number((await fx.engine.query<{ n: number }>(sql))[0].n);
    // The loaded copy follows each version as a difference of logical files.
    expect(await fx.lake.ensureLoaded('ext.dv')).toBe(2);
    expect(await count('SELECT count(*)::INT AS n FROM ext.dv')).toBe(6 + 70000 - 7000);
    for (const [version, ids] of [
      [0, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
      [1, [1, 2, 4, 5, 6, 7, 8]],
      [2, [2, 4, 5, 6, 7, 8]],
    ] as const) {
      await fx.lake.loadVersion('ext.dv', { version }, 'dv_check');
      const rows = await fx.engine.query<{ id: number }>(
        'SELECT id FROM dv_check WHERE id < 100 ORDER BY id',
      );
      expect(
        rows.map((r) => r.id),
        `version ${version}`,
      ).toEqual(ids);
    }
    const bigRows = await fx.engine.query<{ n: number; low: number }>(
      'SELECT count(*)::INT AS n, min(id)::INT AS low FROM dv_check WHERE id >= 100',
    );
    expect(bigRows[0]).toEqual({ n: 63000, low: 101 });
    const [fa, fb] = (await fx.lake.files('ext.dv')).sort((x, y) => x.path.localeCompare(y.path));
    expect([fa, fb].map((f) => [f.path, f.numRecords, f.deletedRows])).toEqual([
      ['part-a.parquet', 6, 4],
      ['x/part-b.parquet', 63000, 7000],
    ]);
  });

  it('names a deletion vector file that is gone, for the version that needs it', async () => {
    const t = new DeltaTableBuilder(fx, 'tables/ext/dv_gone');
    const a = await t.parquet('part-a.parquet', `SELECT range AS id, 'a' AS label FROM range(3)`);
    await t.commit(0, [
      protocol(3, 7, ['deletionVectors']),
      metaData(schema),
      add(a, {
        deletionVector: {
          storageType: 'u',
          pathOrInlineDv: relativeDvId('11111111-2222-3333-4444-555555555555'),
          offset: 1,
          sizeInBytes: 20,
          cardinality: 1,
        },
      }),
    ]);
    expect(await failure(fx.lake.ensureLoaded('ext.dv_gone'))).toEqual({
      name: 'DataFileMissing',
      message:
        'Version 0 of ext.dv_gone needs the deletion vector file deletion_vector_11111111-2222-3333-4444-555555555555.bin, ' +
        'which is gone: VACUUM removes the files of versions older than its retention window. Read a later version ' +
        '(DESCRIBE HISTORY ext.dv_gone lists them).',
    });
  });
});
