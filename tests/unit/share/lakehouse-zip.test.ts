import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { exportLakehouse } from '../../../src/share/export-lakehouse';
import { MANIFEST_PATH, type LakehouseManifest } from '../../../src/share/manifest';
import { openLakehouseZip } from '../../../src/share/read-lakehouse-zip';
import { recoverSwap } from '../../../src/share/swap-in';
import { ZipReader } from '../../../src/share/zip-reader';
import { failure, lakeFixture } from '../lake/helpers';
import {
  buildLakehouse,
  contentsOf,
  entriesOf,
  EXPORT_PATH,
  exportedBytes,
  lakehouseContentsOf,
  testImport,
  zipOf,
} from './helpers';

let source: MemoryStorage;
let zipBytes: Uint8Array;
let manifest: LakehouseManifest;

beforeAll(async () => {
  source = new MemoryStorage();
  const { lake } = await lakeFixture({ storage: source });
  await buildLakehouse(lake, source);
  zipBytes = await exportedBytes(source);
  manifest = (await openLakehouseZip(new Blob([zipBytes as Uint8Array<ArrayBuffer>]), 'x.zip')).manifest;
});

/** The export's entries with some replaced or added, and the manifest as given. */
async function rebuilt(
  change: (entries: Record<string, Uint8Array>) => void,
  level: 0 | 6 = 0,
): Promise<Uint8Array> {
  const entries = await entriesOf(zipBytes);
  change(entries);
  return zipOf(entries, level);
}

function withManifest(entries: Record<string, Uint8Array>, edit: (m: Record<string, unknown>) => void): void {
  const m = JSON.parse(new TextDecoder().decode(entries[MANIFEST_PATH])) as Record<string, unknown>;
  edit(m);
  entries[MANIFEST_PATH] = new TextEncoder().encode(JSON.stringify(m));
}

describe('exporting a lakehouse', () => {
  it('writes every file of every table and of the landing zone, with the manifest last', async () => {
    const reader = await ZipReader.open(new Blob([zipBytes as Uint8Array<ArrayBuffer>]), 'x.zip');
    const names = reader.entries.map((e) => e.name);
    const expected = await lakehouseContentsOf(source);
    expect(names.slice(0, -1).sort()).toEqual(Object.keys(expected).sort());
    expect(names.at(-1)).toBe(MANIFEST_PATH);
    expect(names).toContain('tables/silver/orders/_delta_log/00000000000000000010.checkpoint.parquet');
    expect(names).toContain('tables/silver/orders/_delta_log/_last_checkpoint');
    expect(names).toContain('landing/_checkpoints/simulator.json');
    // Parquet is compressed already: stored; the log and landing text: deflated.
    for (const entry of reader.entries) expect(entry.method).toBe(entry.name.endsWith('.parquet') ? 0 : 8);
  });

  it('names the format, the app version, every table at its version and every file with its SHA-256', async () => {
    expect(manifest).toMatchObject({ format: 'pocket-lakehouse', formatVersion: 1, appVersion: 'test' });
    expect(manifest.tables).toEqual([
      { name: 'gold.daily', version: 1 },
      { name: 'silver.orders', version: 11 },
    ]);
    const expected = await lakehouseContentsOf(source);
    expect(Object.fromEntries(manifest.files.map((f) => [f.path, f.sha256]))).toEqual(expected);
    expect(manifest.fileCount).toBe(Object.keys(expected).length);
    expect(manifest.totalBytes).toBe(
      (await source.list('tables')).concat(await source.list('landing')).reduce((s, f) => s + f.size, 0),
    );
  });

  it('leaves out temporary files of unfinished writes, earlier exports and staged imports', async () => {
    const storage = new MemoryStorage();
    await storage.write(
      'tables/silver/t/_delta_log/00000000000000000000.json',
      new TextEncoder().encode('{}\n'),
    );
    await storage.write('tables/silver/t/part-0.parquet.tmp-write-1234', new Uint8Array([1]));
    await storage.write('.exports/old.zip', new Uint8Array([2]));
    await storage.write('.staging/import-1/tables/x', new Uint8Array([3]));
    const entries = await entriesOf(await exportedBytes(storage));
    expect(Object.keys(entries).sort()).toEqual([
      MANIFEST_PATH,
      'tables/silver/t/_delta_log/00000000000000000000.json',
    ]);
  });

  it('refuses a lakehouse of more files than one zip can hold, and leaves no zip behind', async () => {
    const storage = new MemoryStorage();
    const one = new Uint8Array([1]);
    for (let i = 0; i < 65_535; i++)
      await storage.write(`landing/events/batch-${String(i).padStart(6, '0')}.jsonl`, one);
    expect(await failure(exportLakehouse(storage, { appVersion: 'test', target: EXPORT_PATH }))).toEqual({
      name: 'ExportTooLarge',
      message:
        'The lakehouse has 65,535 files; one zip holds at most 65,534. Run VACUUM and OPTIMIZE on the largest tables to reduce the number of files, then export again.',
    });
    expect(await storage.stat(EXPORT_PATH)).toBeNull();
  });
});

/** The export with the DEFLATE data of one entry made unreadable (a reserved block type). */
async function withBrokenDeflate(name: string): Promise<Uint8Array> {
  const reader = await ZipReader.open(new Blob([zipBytes as Uint8Array<ArrayBuffer>]), 'x.zip');
  const entry = reader.entries.find((e) => e.name === name)!;
  expect(entry.method).toBe(8);
  const bytes = zipBytes.slice();
  const nameLength = bytes[entry.localHeaderOffset + 26] | (bytes[entry.localHeaderOffset + 27] << 8);
  bytes[entry.localHeaderOffset + 30 + nameLength] = 0x07;
  return bytes;
}

/** The export with the CRC-32 its zip directory records for one entry changed (its bytes intact). */
async function withDirectoryCrc(name: string): Promise<Uint8Array> {
  const bytes = zipBytes.slice();
  const encoded = new TextEncoder().encode(name);
  for (let p = 0; p + 46 < bytes.length; p++) {
    const central =
      bytes[p] === 0x50 && bytes[p + 1] === 0x4b && bytes[p + 2] === 0x01 && bytes[p + 3] === 0x02;
    const nameLength = bytes[p + 28] | (bytes[p + 29] << 8);
    if (!central || nameLength !== encoded.length) continue;
    if (encoded.every((b, i) => bytes[p + 46 + i] === b)) {
      bytes[p + 16] ^= 0x01;
      return bytes;
    }
  }
  throw new Error(`${name} is not in the directory`);
}

/** The export with one byte inside a stored entry's data flipped, as a bad disk or download would. */
async function withFlippedByte(name: string): Promise<Uint8Array> {
  const reader = await ZipReader.open(new Blob([zipBytes as Uint8Array<ArrayBuffer>]), 'x.zip');
  const entry = reader.entries.find((e) => e.name === name)!;
  expect(entry.method).toBe(0);
  const bytes = zipBytes.slice();
  const nameLength = bytes[entry.localHeaderOffset + 26] | (bytes[entry.localHeaderOffset + 27] << 8);
  const extra = bytes[entry.localHeaderOffset + 28] | (bytes[entry.localHeaderOffset + 29] << 8);
  bytes[entry.localHeaderOffset + 30 + nameLength + extra + 40] ^= 0xff;
  return bytes;
}

describe('importing a lakehouse zip', () => {
  it('into an empty lakehouse gives the same files, byte for byte, and the same tables and rows', async () => {
    const target = new MemoryStorage();
    const result = await testImport(target, zipBytes);
    expect(result.tables).toEqual(manifest.tables);
    expect(result.replaced).toEqual({ tables: 0, files: 0 });
    expect(await contentsOf(target)).toEqual(await lakehouseContentsOf(source));
    const { lake, engine } = await lakeFixture({ storage: target });
    expect(await lake.latestVersion('silver.orders')).toBe(11);
    expect(await lake.history('silver.orders')).toHaveLength(12);
    await lake.loadVersion('silver.orders', { version: 3 }, 'main.v3');
    expect(await engine.query('select count(*)::int as n, sum(amount)::double as s from main.v3')).toEqual([
      { n: 5, s: 16.75 },
    ]);
  });

  it('into a lakehouse that holds data is refused unless replacing was confirmed, and changes nothing', async () => {
    const target = new MemoryStorage();
    await target.write('landing/olist/mine.csv', new TextEncoder().encode('order_id\nmine\n'));
    const before = await contentsOf(target);
    expect(await failure(testImport(target, zipBytes, {}, 'shop.zip'))).toEqual({
      name: 'ImportRefused',
      message:
        'shop.zip: this lakehouse is not empty (0 tables, 1 file); importing would replace it, which was not confirmed. The lakehouse was not changed.',
    });
    expect(await contentsOf(target)).toEqual(before);
  });

  it('replaces the whole lakehouse when confirmed: nothing of the old one is merged in', async () => {
    const target = new MemoryStorage();
    await target.write('landing/olist/mine.csv', new TextEncoder().encode('order_id\nmine\n'));
    await target.write(
      'tables/bronze/x/_delta_log/00000000000000000000.json',
      new TextEncoder().encode('{}\n'),
    );
    const result = await testImport(target, zipBytes, { replace: true });
    expect(result.replaced).toEqual({ tables: 1, files: 2 });
    expect(await contentsOf(target)).toEqual(await lakehouseContentsOf(source));
  });

  const damaged: Array<[string, () => Promise<Uint8Array>, string]> = [
    [
      'a file that is not a zip',
      async () => new TextEncoder().encode('order_id,amount\no1,3\n'),
      'x.zip: not a zip file (it does not start like one and has no zip directory). The lakehouse was not changed.',
    ],
    [
      'a zip without the manifest',
      async () => zipOf({ 'olist/olist_orders_dataset.csv': 'order_id\no1\n' }),
      'x.zip: not a Pocket Lakehouse export: it has no pocket-lakehouse.json manifest (Export lakehouse writes one into every zip). The lakehouse was not changed.',
    ],
    [
      'a truncated zip',
      async () => zipBytes.slice(0, Math.floor(zipBytes.length * 0.6)),
      'x.zip: the zip is incomplete: its end-of-archive record is missing, so the download or copy was cut short. The lakehouse was not changed.',
    ],
    [
      'a data file whose bytes differ from its checksum',
      () =>
        rebuilt((entries) => {
          const path = Object.keys(entries).find((p) => p.endsWith('.parquet') && p.includes('/part-'))!;
          entries[path] = entries[path].slice();
          entries[path][40] ^= 0xff;
        }),
      'x.zip: tables/gold/daily/d=2018-01-01/part-',
    ],
    [
      'an entry whose path escapes with ../',
      () => rebuilt((entries) => void (entries['tables/../../evil.txt'] = new TextEncoder().encode('x'))),
      'x.zip: it holds the path "tables/../../evil.txt", which is not a lakehouse file (only tables/… and landing/… without "..", "." or "\\" parts). The lakehouse was not changed.',
    ],
    [
      'a manifest that lists a path escaping with ../',
      () =>
        rebuilt((entries) =>
          withManifest(entries, (m) => {
            const files = m.files as Array<{ path: string }>;
            files[0].path = `landing/../${files[0].path}`;
          }),
        ),
      'x.zip: it holds the path "landing/../',
    ],
    [
      'a manifest of another format',
      () => rebuilt((entries) => withManifest(entries, (m) => void (m.format = 'someone-else'))),
      'x.zip: not a Pocket Lakehouse export: its pocket-lakehouse.json does not say format "pocket-lakehouse". The lakehouse was not changed.',
    ],
    [
      'a manifest of a newer format version',
      () => rebuilt((entries) => withManifest(entries, (m) => void (m.formatVersion = 2))),
      'x.zip: not a Pocket Lakehouse export: it is format version 2, and this app reads version 1 (written by Pocket Lakehouse test; open it with that version or newer). The lakehouse was not changed.',
    ],
    [
      'a zip missing a file its manifest lists',
      () =>
        rebuilt((entries) => {
          delete entries['landing/events/batch-000001.jsonl'];
        }),
      'x.zip: the zip is damaged (landing/events/batch-000001.jsonl is in the manifest but not in the zip). The lakehouse was not changed.',
    ],
    [
      'a zip holding a file its manifest does not list',
      () => rebuilt((entries) => void (entries['landing/olist/extra.csv'] = new TextEncoder().encode('a\n'))),
      'x.zip: not a Pocket Lakehouse export: it holds landing/olist/extra.csv, which its manifest does not list. The lakehouse was not changed.',
    ],
  ];

  const crcDamaged: Array<[string, () => Promise<Uint8Array>, string]> = [
    [
      'an entry whose CRC-32 in the zip directory does not match its bytes',
      () => withDirectoryCrc('tables/silver/orders/_delta_log/00000000000000000003.json'),
      'x.zip: the zip is damaged (tables/silver/orders/_delta_log/00000000000000000003.json fails its CRC-32 check: its bytes are not the ones the zip recorded). The lakehouse was not changed.',
    ],
    [
      'a manifest whose CRC-32 does not match',
      () => withDirectoryCrc(MANIFEST_PATH),
      'x.zip: the zip is damaged (pocket-lakehouse.json fails its CRC-32 check: its bytes are not the ones the zip recorded). The lakehouse was not changed.',
    ],
    [
      'a stored data file with one byte flipped in the zip',
      () => withFlippedByte('tables/silver/orders/_delta_log/00000000000000000010.checkpoint.parquet'),
      'x.zip: the zip is damaged (tables/silver/orders/_delta_log/00000000000000000010.checkpoint.parquet fails its CRC-32 check: its bytes are not the ones the zip recorded). The lakehouse was not changed.',
    ],
    [
      'a manifest whose SHA-256 of a file is wrong (the file intact)',
      () =>
        rebuilt((entries) =>
          withManifest(entries, (m) => {
            const files = m.files as Array<{ path: string; sha256: string }>;
            files.find((f) => f.path === 'landing/olist/olist_orders_dataset.csv')!.sha256 = '0'.repeat(64);
          }),
        ),
      'x.zip: landing/olist/olist_orders_dataset.csv is damaged: its SHA-256 differs from the manifest. The lakehouse was not changed.',
    ],
  ];
  damaged.push(...crcDamaged);

  it.each(damaged)('refuses %s with the reason, and changes nothing', async (_what, bytes, message) => {
    const target = new MemoryStorage();
    await target.write('landing/olist/mine.csv', new TextEncoder().encode('order_id\nmine\n'));
    const before = await contentsOf(target);
    const refused = await failure(testImport(target, await bytes(), { replace: true }, 'x.zip'));
    expect(refused.name).toBe('ImportRefused');
    expect(refused.message.startsWith(message)).toBe(true);
    expect(refused.message.endsWith('The lakehouse was not changed.')).toBe(true);
    expect(await contentsOf(target)).toEqual(before);
  });

  it('refuses an entry whose compressed bytes do not inflate, naming it', async () => {
    const name = 'tables/silver/orders/_delta_log/00000000000000000002.json';
    const target = new MemoryStorage();
    const refused = await failure(testImport(target, await withBrokenDeflate(name), {}, 'x.zip'));
    expect(refused.message).toMatch(
      new RegExp(
        `^x\\.zip: the zip is damaged \\(${name.replaceAll('.', '\\.')} cannot be read: .+\\)\\. The lakehouse was not changed\\.$`,
      ),
    );
    expect(await contentsOf(target)).toEqual({});
  });

  it('names the damaged file and the check it failed', async () => {
    const bytes = await rebuilt((entries) => {
      entries['tables/silver/orders/_delta_log/00000000000000000004.json'] = new TextEncoder().encode(
        new TextDecoder()
          .decode(entries['tables/silver/orders/_delta_log/00000000000000000004.json'])
          .replaceAll('n3', 'n9'),
      );
    }, 6);
    expect((await failure(testImport(new MemoryStorage(), bytes, {}, 'x.zip'))).message).toBe(
      'x.zip: tables/silver/orders/_delta_log/00000000000000000004.json is damaged: its SHA-256 differs from the manifest. The lakehouse was not changed.',
    );
  });
});

/** Memory storage whose n-th move fails, as a full disk or a vanished folder would make it. */
class FailingMoves extends MemoryStorage {
  moves = 0;
  failAt = Number.POSITIVE_INFINITY;
  override async move(from: string, to: string): Promise<void> {
    if (++this.moves === this.failAt) throw new Error(`move ${from} failed`);
    return super.move(from, to);
  }
}

describe('an import that fails part-way', () => {
  it('leaves the old lakehouse exactly as it was, at whichever move it fails', async () => {
    const probe = new FailingMoves();
    await probe.write('landing/olist/mine.csv', new TextEncoder().encode('order_id\nmine\n'));
    await probe.write(
      'tables/bronze/x/_delta_log/00000000000000000000.json',
      new TextEncoder().encode('{}\n'),
    );
    await testImport(probe, zipBytes, { replace: true });
    const total = probe.moves;
    expect(total).toBe(2 + manifest.fileCount);
    for (const failAt of [1, 2, 3, Math.floor(total / 2), total]) {
      const target = new FailingMoves();
      await target.write('landing/olist/mine.csv', new TextEncoder().encode('order_id\nmine\n'));
      await target.write(
        'tables/bronze/x/_delta_log/00000000000000000000.json',
        new TextEncoder().encode('{}\n'),
      );
      const before = await contentsOf(target);
      target.failAt = failAt;
      let forgotten = 0;
      const result = await failure(
        testImport(target, zipBytes, { replace: true, forget: async () => void forgotten++ }),
      );
      expect(result.message).toMatch(/^move .* failed$/);
      expect(await contentsOf(target), `failing at move ${failAt} of ${total}`).toEqual(before);
      // Whatever was loaded meanwhile is forgotten again once the old files are back.
      if (failAt > 2) expect(forgotten).toBe(2);
    }
  });
});

/** Memory storage that stops answering at its n-th move: the tab was closed there. */
class ClosingTab extends MemoryStorage {
  moves = 0;
  closeAt = Number.POSITIVE_INFINITY;
  override async move(from: string, to: string): Promise<void> {
    if (++this.moves >= this.closeAt) return new Promise(() => {});
    return super.move(from, to);
  }
}

describe('a tab closed in the middle of an import', () => {
  it('leaves a lakehouse the next start undoes (still moving the old files aside) or finishes (moving the new ones in)', async () => {
    const oldFiles = 2;
    const total = oldFiles + manifest.fileCount;
    const expectedNew = await lakehouseContentsOf(source);
    for (let closeAt = 1; closeAt <= total; closeAt++) {
      const storage = new ClosingTab();
      await storage.write('landing/olist/mine.csv', new TextEncoder().encode('order_id\nmine\n'));
      await storage.write(
        'tables/bronze/x/_delta_log/00000000000000000000.json',
        new TextEncoder().encode('{}\n'),
      );
      const before = await contentsOf(storage);
      storage.closeAt = closeAt;
      void testImport(storage, zipBytes, { replace: true });
      for (let i = 0; i < 500 && storage.moves < closeAt; i++) await new Promise((r) => setTimeout(r, 10));
      expect(storage.moves).toBe(closeAt);
      storage.closeAt = Number.POSITIVE_INFINITY;
      const outcome = await recoverSwap(storage);
      const after = await contentsOf(storage);
      if (closeAt <= oldFiles) {
        expect(outcome, `closed at move ${closeAt}`).toBe('undone');
        expect(after).toEqual(before);
      } else {
        expect(outcome, `closed at move ${closeAt}`).toBe('finished');
        expect(after).toEqual(expectedNew);
      }
    }
  });

  it('deletes what an import staged before it reached its swap, and touches nothing else', async () => {
    const storage = new MemoryStorage();
    await storage.write('landing/olist/mine.csv', new TextEncoder().encode('order_id\nmine\n'));
    await storage.write('.staging/import-1/tables/silver/t/part-0.parquet', new Uint8Array([1, 2]));
    const kept = await contentsOf(storage, 'landing');
    expect(await recoverSwap(storage)).toBe('none');
    expect(await contentsOf(storage)).toEqual(kept);
  });
});
