import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LakeApi } from '../../../src/lake/lake-api';
import { storageFull } from '../../../src/lake/storage/errors';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { LandingZone } from '../../../src/sources/landing/landing-zone';
import { sha256Hex } from '../../../src/sources/landing/sha256';
import { Sources } from '../../../src/sources/sources';
import { freshSources, job, SAMPLE_DIR, sampleFile } from './helpers/fixture';

const CUSTOMERS = 'olist_customers_dataset.csv';
const event = (id: string) =>
  `{"event_id":"${id}","event_type":"page_view","event_ts":"2017-10-02T10:56:33.000Z","session_id":"s1","user_id":null,"product_id":null,"order_id":null,"device":"mobile","channel":"organic","page":"/"}\n`;

describe('a landed file whose commit fails for a reason other than a bad file', () => {
  it('is reported, stays landed and is ingested on the next run; the event batches after it still go in', async () => {
    const { lake, storage, engine } = await freshSources();
    const landing = new LandingZone(storage);
    const bytes = new Uint8Array(readFileSync(join(SAMPLE_DIR, CUSTOMERS)));
    await landing.landOlist(CUSTOMERS, bytes, await sha256Hex(bytes));
    await landing.landEventBatch(1, new TextEncoder().encode(event('e1')));
    // The engine runs out of memory on the customers' commit, once.
    let failures = 1;
    const faulty = Object.create(lake) as LakeApi;
    faulty.write = (table, options) => {
      if (table === 'bronze.olist_customers' && failures-- > 0)
        return Promise.reject(new Error('Out of Memory Error: failed to allocate block of 262144 bytes'));
      return lake.write(table, options);
    };
    const sources = new Sources({ engine, lake: faulty, storage });
    const first = await sources.ingestLanding(job());
    expect(first.map((r) => [r.file, r.status, r.rows, r.message])).toEqual([
      [
        'landing/olist/olist_customers_dataset.csv',
        'failed',
        0,
        'landing/olist/olist_customers_dataset.csv: not ingested (Out of Memory Error: failed to allocate block of ' +
          '262144 bytes). The file stays in the landing zone and is tried again at the next ingestion.',
      ],
      ['landing/events/batch-000001.jsonl', 'ingested', 1, undefined],
    ]);
    expect(await lake.latestVersion('bronze.olist_customers')).toBe(-1);
    const second = await sources.ingestLanding(job());
    expect(second.map((r) => [r.file, r.status, r.rows])).toEqual([
      ['landing/olist/olist_customers_dataset.csv', 'ingested', 200],
    ]);
  });
});

/** Storage that is full for one folder only. */
class FullFolderStorage extends MemoryStorage {
  constructor(private readonly full: string) {
    super();
  }
  override async write(path: string, bytes: Uint8Array): Promise<void> {
    if (path.startsWith(this.full)) throw storageFull(path, 100, 100);
    return super.write(path, bytes);
  }
}

describe('storage full after the commit succeeded', () => {
  it('ingests the file: the list of ingested files is only a cache, and nothing claims the commit failed', async () => {
    const storage = new FullFolderStorage('landing/_checkpoints');
    const { sources, lake, engine } = await freshSources(storage);
    const [report] = await sources.ingestFiles([sampleFile(CUSTOMERS)], job());
    expect([report.status, report.rows, report.version]).toEqual(['ingested', 200, 0]);
    await lake.ensureLoaded('bronze.olist_customers');
    expect(await engine.query('select count(*)::int as n from bronze.olist_customers')).toEqual([{ n: 200 }]);
    const [again] = await sources.ingestFiles([sampleFile(CUSTOMERS)], job());
    expect(again.status).toBe('already ingested');
  });

  it('says "Nothing was committed" only where it is true: the storage error alone does not', () => {
    expect(storageFull('landing/_checkpoints/x.json', 0, 0).message).toBe(
      'Storage is full while writing landing/_checkpoints/x.json: 0 MB of 0 MB used. ' +
        'Free space with VACUUM on large tables, delete old landing files, or reset the lakehouse.',
    );
  });
});
