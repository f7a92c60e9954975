import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import type { StorageUsage } from '../../../src/lake/storage/types';
import { freshSources, job, SAMPLE_DIR, sampleFile, snapshotOf } from './helpers/fixture';

const ORDERS = 'olist_orders_dataset.csv';
const orders = () => new Uint8Array(readFileSync(join(SAMPLE_DIR, ORDERS)));
const u32 = (bytes: Uint8Array, at: number, value: number) =>
  new DataView(bytes.buffer).setUint32(at, value, true);

/** Memory storage that says only `freeBytes` are left, as the browser's estimate would. */
class SmallQuota extends MemoryStorage {
  constructor(private readonly freeBytes: number) {
    super();
  }
  override async usage(): Promise<StorageUsage> {
    const used = (await super.usage()).usedBytes;
    return { usedBytes: used, quotaBytes: used + this.freeBytes, persisted: true };
  }
}

/** Upload one file and prove nothing changed; returns the report rows. */
async function uploadRefused(file: File, storage = new MemoryStorage()) {
  const { sources, lake } = await freshSources(storage);
  const before = await snapshotOf(lake, storage);
  const reports = await sources.ingestFiles([file], job());
  expect(await snapshotOf(lake, storage)).toEqual(before);
  return reports;
}

/** Offset of the central directory record of the (only) entry of a zip from fflate. */
function centralRecord(zip: Uint8Array): number {
  for (let i = zip.length - 22; i >= 0; i--)
    if (new DataView(zip.buffer).getUint32(i, true) === 0x02014b50) return i;
  throw new Error('no central directory');
}

describe('decompression is bounded and checked', () => {
  it('refuses a gzip whose trailer announces 3.75 GiB, before allocating anything for it', async () => {
    const gz = gzipSync(orders());
    u32(gz, gz.length - 4, 0xf0000000);
    const reports = await uploadRefused(sampleFile(`${ORDERS}.gz`, gz));
    expect(reports.map((r) => [r.status, r.message])).toEqual([
      [
        'failed',
        `${ORDERS}.gz: the archive cannot be read (it says it unpacks to 3,840 MB, more than the 1,024 MB ` +
          'one file may take in a tab). Nothing was ingested.',
      ],
    ]);
  });

  it('refuses a gzip whose size or checksum does not match what it holds', async () => {
    const gz = gzipSync(orders());
    const bad = gz.slice();
    bad[bad.length - 8] ^= 0xff; // CRC-32
    expect((await uploadRefused(sampleFile(`${ORDERS}.gz`, bad))).map((r) => r.message)).toEqual([
      `${ORDERS}.gz: the archive cannot be read (the checksum of ${ORDERS} does not match its contents: ` +
        'the file is damaged). Nothing was ingested.',
    ]);
  });

  it('refuses a .csv.gz inside a zip whose trailer is wrong, instead of reading 400 of its bytes', async () => {
    const gz = gzipSync(orders());
    u32(gz, gz.length - 4, 400);
    const zip = zipSync({ [`data/${ORDERS}.gz`]: gz });
    expect((await uploadRefused(sampleFile('olist.zip', zip))).map((r) => r.message)).toEqual([
      `olist.zip › data/${ORDERS}.gz: the archive cannot be read (it unpacks to ${orders().length.toLocaleString('en')} ` +
        'bytes where its trailer says 400 bytes: the file is damaged). Nothing was ingested.',
    ]);
  });

  it('refuses a zip entry whose checksum does not match, and one that unpacks to more than its directory says', async () => {
    const zip = zipSync({ [ORDERS]: orders() });
    const crcBroken = zip.slice();
    crcBroken[centralRecord(crcBroken) + 16] ^= 0xff;
    expect((await uploadRefused(sampleFile('olist.zip', crcBroken))).map((r) => r.message)).toEqual([
      `olist.zip: the archive cannot be read (the checksum of ${ORDERS} does not match its contents: ` +
        'the file is damaged). Nothing was ingested.',
    ]);
    const lying = zip.slice();
    u32(lying, centralRecord(lying) + 24, 1000);
    expect((await uploadRefused(sampleFile('olist.zip', lying))).map((r) => r.message)).toEqual([
      `olist.zip: the archive cannot be read (${ORDERS} unpacks to more than the 1,000 bytes its directory ` +
        'says: the file is damaged). Nothing was ingested.',
    ]);
  });

  it('refuses a zip that unpacks to more than the storage still free, before reading an entry', async () => {
    const row = new TextEncoder().encode('o1,c1,delivered,2017-10-02 10:56:33,,,,2017-10-18 00:00:00\n');
    const big = new Uint8Array(row.length * 300_000);
    for (let i = 0; i < 300_000; i++) big.set(row, i * row.length);
    const zip = zipSync({
      [ORDERS]: big,
      'olist_customers_dataset.csv': new Uint8Array(
        readFileSync(join(SAMPLE_DIR, 'olist_customers_dataset.csv')),
      ),
    });
    expect(zip.length).toBeLessThan(big.length / 50);
    const reports = await uploadRefused(sampleFile('bomb.zip', zip), new SmallQuota(5 * 1024 * 1024));
    expect(reports.map((r) => r.message)).toEqual([
      'bomb.zip: the archive cannot be read (it unpacks to 17 MB, more than the 5 MB of storage this site may ' +
        'still use). Nothing was ingested.',
    ]);
  });
});
