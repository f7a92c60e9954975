import { describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import { CancelledError } from '../../../src/engine/errors';
import { Lake } from '../../../src/lake/lake';
import { InProcessTableLocks } from '../../../src/lake/locks/table-locks';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { Sources } from '../../../src/sources/sources';
import { signal, TabStorage } from '../lake/tab-storage';
import { SourceJob } from '../../../src/sources/ingest/source-job';
import { LandingZone } from '../../../src/sources/landing/landing-zone';
import { freshSources, job, reopened, sampleFile, snapshotOf } from './helpers/fixture';

const line = (id: string, extra = '') =>
  `{"event_id":"${id}","event_type":"page_view","event_ts":"2017-10-02T10:56:33.000Z","session_id":"s1","user_id":null,"product_id":null,"order_id":null,"device":"mobile","channel":"organic","page":"/"${extra}}`;
const bytes = (lines: string[]) => new TextEncoder().encode(lines.join('\n') + '\n');

describe('ingesting simulator batches into bronze.events', () => {
  it('appends every new batch once, keeps unknown fields, odd values and unreadable lines in _rescued_data', async () => {
    const { sources, storage, lake, engine } = await freshSources();
    const landing = new LandingZone(storage);
    await landing.landEventBatch(1, bytes([line('e1'), line('e1'), line('e2')]));
    await landing.landEventBatch(
      2,
      bytes([
        line('e3', ',"app_version":"2.4.1"'),
        '{"event_id":"e4","event_ty',
        line('e5', ',"user_id":{"id":7}').replace('"user_id":null,', ''),
      ]),
    );
    const reports = await sources.ingestLanding(job());
    expect(reports.map((r) => [r.file, r.status, r.rows, r.rescuedRows, r.version])).toEqual([
      ['landing/events/batch-000001.jsonl', 'ingested', 3, 0, 0],
      ['landing/events/batch-000002.jsonl', 'ingested', 3, 3, 0],
    ]);
    await lake.ensureLoaded('bronze.events');
    const rows = await engine.query(
      'select event_id, user_id, _source_file as f, _rescued_data as r from bronze.events order by f, event_id nulls last',
    );
    expect(rows.map((r) => ({ ...r, r: r.r === null ? null : JSON.parse(r.r as string) }))).toEqual([
      { event_id: 'e1', user_id: null, f: 'landing/events/batch-000001.jsonl', r: null },
      { event_id: 'e1', user_id: null, f: 'landing/events/batch-000001.jsonl', r: null },
      { event_id: 'e2', user_id: null, f: 'landing/events/batch-000001.jsonl', r: null },
      {
        event_id: 'e3',
        user_id: null,
        f: 'landing/events/batch-000002.jsonl',
        r: { _line: 1, app_version: '2.4.1' },
      },
      {
        event_id: 'e5',
        user_id: null,
        f: 'landing/events/batch-000002.jsonl',
        r: { _line: 3, user_id: { id: 7 } },
      },
      {
        event_id: null,
        user_id: null,
        f: 'landing/events/batch-000002.jsonl',
        r: { _line: 2, _corrupt_record: '{"event_id":"e4","event_ty' },
      },
    ]);

    expect(await sources.ingestLanding(job())).toEqual([]);
    await landing.landEventBatch(3, bytes([line('e6')]));
    const tab2 = await reopened(storage);
    const later = await tab2.sources.ingestLanding(job());
    expect(later.map((r) => [r.file, r.rows, r.version])).toEqual([
      ['landing/events/batch-000003.jsonl', 1, 1],
    ]);
  });
});

describe('cancelling', () => {
  it('commits nothing of the file being read when cancelled, and says so', async () => {
    const { sources, lake, storage } = await freshSources();
    const before = await snapshotOf(lake, storage);
    const cancelling = new SourceJob('test', () => cancelling.cancel());
    const reports = await sources.ingestFiles([sampleFile('olist_order_payments_dataset.csv')], cancelling);
    expect(reports).toEqual([
      expect.objectContaining({
        file: 'olist_order_payments_dataset.csv',
        status: 'failed',
        message: 'olist_order_payments_dataset.csv: cancelled. Nothing of this file was committed.',
      }),
    ]);
    expect(await snapshotOf(lake, storage)).toEqual(before);
    expect(() => {
      throw new CancelledError('x');
    }).toThrow('x was cancelled; nothing was committed');
  });
});

describe('two tabs ingesting the event stream at once', () => {
  it('appends every batch once when one tab planned batches 1-3 and the other 1-5 and the first commits first', async () => {
    const shared = new MemoryStorage();
    const locks = new InProcessTableLocks();
    const { engine: engineA, lake: first } = await freshSources(shared);
    await first.dropAll();
    const tabOf = async (storage: TabStorage, engine: typeof engineA) => {
      const { parquet } = await (tabEngine ??= bootNodeEngine());
      const lake = new Lake({ engine, parquet, storage, locks });
      return { lake, sources: new Sources({ engine, lake, storage }) };
    };
    const storageA = new TabStorage(shared);
    const storageB = new TabStorage(shared);
    const a = await tabOf(storageA, engineA);
    const b = await tabOf(storageB, (await (tabEngine ??= bootNodeEngine())).engine);
    const landing = new LandingZone(shared);
    for (const n of [1, 2, 3]) await landing.landEventBatch(n, bytes([line(`a${n}`), line(`b${n}`)]));

    // A plans 1-3; between its data file and its commit, 4-5 land and B plans 1-5 and writes its file;
    // A commits; then B commits.
    const bAtCommit = signal();
    const bMayCommit = signal();
    storageB.beforeCommit(async () => {
      bAtCommit.resolve();
      await bMayCommit.promise;
    });
    const tabB: { ingest?: ReturnType<Sources['ingestLanding']> } = {};
    storageA.beforeCommit(async () => {
      for (const n of [4, 5]) await landing.landEventBatch(n, bytes([line(`a${n}`), line(`b${n}`)]));
      tabB.ingest = b.sources.ingestLanding(job());
      await bAtCommit.promise;
    });
    const aReports = await a.sources.ingestLanding(job());
    bMayCommit.resolve();
    const bReports = await tabB.ingest!;
    expect(aReports.map((r) => [r.file.slice(-12), r.status])).toEqual([
      ['000001.jsonl', 'ingested'],
      ['000002.jsonl', 'ingested'],
      ['000003.jsonl', 'ingested'],
    ]);
    expect(bReports.map((r) => [r.file.slice(-12), r.status])).toEqual([
      ['000004.jsonl', 'ingested'],
      ['000005.jsonl', 'ingested'],
    ]);
    const reader = await reopened(shared);
    await reader.lake.ensureLoaded('bronze.events');
    expect(
      await reader.engine.query(
        'select _source_file as f, count(*)::int as n from bronze.events group by 1 order by 1',
      ),
    ).toEqual([1, 2, 3, 4, 5].map((n) => ({ f: `landing/events/batch-00000${n}.jsonl`, n: 2 })));
  });
});

let tabEngine: ReturnType<typeof bootNodeEngine> | null = null;

describe('a batch that lands late, below one already ingested', () => {
  it('is ingested by the next trigger (another tab took number 2 and finished writing it after 3 went in)', async () => {
    const { sources, storage, lake, engine } = await freshSources();
    const landing = new LandingZone(storage);
    await landing.landEventBatch(1, bytes([line('e1')]));
    await landing.landEventBatch(3, bytes([line('e3')]));
    expect((await sources.ingestLanding(job())).map((r) => r.file)).toEqual([
      'landing/events/batch-000001.jsonl',
      'landing/events/batch-000003.jsonl',
    ]);
    await landing.landEventBatch(2, bytes([line('e2a'), line('e2b')]));
    const late = await sources.ingestLanding(job());
    expect(late.map((r) => [r.file, r.status, r.rows])).toEqual([
      ['landing/events/batch-000002.jsonl', 'ingested', 2],
    ]);
    expect(await sources.ingestLanding(job())).toEqual([]);
    await lake.ensureLoaded('bronze.events');
    expect(
      await engine.query(
        'select _source_file as f, count(*)::int as n from bronze.events group by 1 order by 1',
      ),
    ).toEqual([
      { f: 'landing/events/batch-000001.jsonl', n: 1 },
      { f: 'landing/events/batch-000002.jsonl', n: 2 },
      { f: 'landing/events/batch-000003.jsonl', n: 1 },
    ]);
  });
});
