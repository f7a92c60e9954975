import { beforeAll, describe, expect, it } from 'vitest';
import type { PipelineRunResult } from '../../../src/pipeline/runner/run-types';
import { watermarkChunks } from '../../../src/pipeline/runner/watermark-chunks';
import { BRONZE_SOURCE_COLUMNS } from '../../../src/pipeline/bronze-tables';
import type { BronzeBatch } from './helpers/bronze';
import { FIXTURE } from './helpers/fixture';
import { bootPipeline, ingest, type PipelineHarness } from './helpers/setup';

// An incremental model with more new rows than a part may hold (WATERMARK_CHUNK_ROWS; here a few)
// runs in parts of consecutive ingestion times, each committed before the next: the tables come
// out the same as from a run in one part.

const events = (ingestedAt: string, file: string, rows: Array<Array<string | null>>): BronzeBatch => ({
  table: 'bronze.events',
  file,
  ingestedAt,
  rows: rows.map((cells) =>
    Object.fromEntries(BRONZE_SOURCE_COLUMNS['bronze.events'].map((c, i) => [c, cells[i] ?? null])),
  ),
});

// Two more batches after the fixture's: a re-delivery of e3 (changed page: the first delivery
// stays), a late event, an event without a session (quarantined), new sessions.
const MORE: BronzeBatch[] = [
  events('2024-05-02 10:00:00', 'events-0002.jsonl', [
    ['e20', 'page_view', '2018-03-03T08:00:00.000Z', 'sE', null, null, null, 'desktop', 'direct', '/'],
    ['e3', 'add_to_cart', '2018-03-01T10:02:00.000Z', 'sA', 'u1', 'p1', null, 'desktop', 'organic', '/again'],
    [
      'e21',
      'product_view',
      '2018-02-20T08:00:00.000Z',
      'sF',
      null,
      'p2',
      null,
      'mobile',
      'referral',
      '/p/p2',
    ],
  ]),
  events('2024-05-02 11:00:00', 'events-0003.jsonl', [
    ['e22', 'page_view', '2018-03-04T08:00:00.000Z', null, null, null, null, 'desktop', 'direct', '/'],
    ['e20', 'page_view', '2018-03-03T08:00:00.000Z', 'sE', null, null, null, 'tablet', 'direct', '/later'],
    ['e23', 'page_view', '2018-03-04T09:00:00.000Z', 'sG', null, null, null, 'mobile', 'direct', '/'],
  ]),
];

const TABLES = ['silver.events', 'gold.funnel_daily', 'gold.customer_features', 'quarantine.silver_events'];

let inParts: PipelineHarness;
let inOne: PipelineHarness;
let partsRun: PipelineRunResult;
let oneRun: PipelineRunResult;

const eventsRun = (run: PipelineRunResult) => run.models.find((m) => m.model === 'silver.events')!;
/** A table's rows in order; for a quarantine table without the run's id and time. */
const rowsOf = (h: PipelineHarness, table: string) =>
  h.engine.query(
    `select * ${table.startsWith('quarantine.') ? 'exclude (_run_id, _quarantined_at)' : ''} from ${table} order by all`,
  );

beforeAll(async () => {
  inParts = await bootPipeline();
  inOne = await bootPipeline();
  for (const h of [inParts, inOne]) await ingest(h.store, [...FIXTURE, ...MORE]);
  partsRun = await inParts.runner.run({ partRows: 1 });
  oneRun = await inOne.runner.run();
}, 600_000); // two engines and two whole pipeline runs

describe('an incremental model over more new rows than a part holds', () => {
  it('commits one version per part, oldest ingestion first', async () => {
    expect(partsRun.status).toBe('success');
    expect(eventsRun(partsRun).status).toBe('success');
    const parts = await inParts.store.latestVersion('silver.events');
    const one = await inOne.store.latestVersion('silver.events');
    // Three ingestion times (the fixture's batch, then MORE's two): three parts.
    expect(parts - one).toBe(2);
    expect(eventsRun(partsRun).outputVersion).toBe(parts);
  });

  it('builds the same tables as a run in one part', async () => {
    for (const table of TABLES) expect(await rowsOf(inParts, table)).toEqual(await rowsOf(inOne, table));
    expect(
      await inParts.engine.query(`select page from silver.events where event_id in ('e3', 'e20') order by 1`),
    ).toEqual([{ page: '/' }, { page: '/p/p1' }]);
  });

  it('reports one run: rows and checks summed over the parts, the last watermark', () => {
    // rowsOut counts the rows a run offers its MERGE, as an incremental run does: the re-deliveries
    // of e3 and e20 come in a later part than their first delivery, so they are offered (and
    // ignored by the MERGE) instead of being dropped as duplicates inside one part's rows.
    const parts = eventsRun(partsRun);
    const one = eventsRun(oneRun);
    const facts = (r: typeof one) => ({
      rowsIn: r.rowsIn,
      rowsDropped: r.rowsDropped,
      rowsQuarantined: r.rowsQuarantined,
      watermark: r.watermark,
      watermarkRows: r.watermarkRows,
      checks: r.expectations.map((c) => [c.expectation, c.success, c.rowsFailing]),
    });
    expect(facts(parts)).toEqual(facts(one));
    expect(parts.rowsOut).toBe(one.rowsOut + 2);
    expect(parts.watermark).toBe('2024-05-02 11:00:00');
    expect(parts.rowsQuarantined).toBeGreaterThan(0);
  });

  it('then reads only a new batch, in one part', async () => {
    const before = await inParts.store.latestVersion('silver.events');
    await ingest(inParts.store, [
      events('2024-05-03 09:00:00', 'events-0004.jsonl', [
        ['e24', 'page_view', '2018-03-05T08:00:00.000Z', 'sH', null, null, null, 'desktop', 'direct', '/'],
      ]),
    ]);
    const run = await inParts.runner.run({ partRows: 1 });
    expect(eventsRun(run)).toMatchObject({ status: 'success', rowsOut: 1, outputVersion: before + 1 });
  });
});

describe('the parts of a run', () => {
  it('group consecutive ingestion times up to the rows a part may hold; a larger one is a part alone', async () => {
    const h = await bootPipeline();
    const rows = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => [`x${from + i}`, 'page_view', '2018-03-01T10:00:00.000Z', 's']);
    await ingest(h.store, [
      events('2024-05-01 09:00:00', 'a.jsonl', rows(2, 0)),
      events('2024-05-01 10:00:00', 'b.jsonl', rows(1, 10)),
      events('2024-05-01 11:00:00', 'c.jsonl', rows(4, 20)),
      events('2024-05-01 12:00:00', 'd.jsonl', rows(1, 30)),
    ]);
    const watermark = { column: '_ingested_at', input: 'bronze.events' };
    expect(await watermarkChunks(h.store, watermark, null, 3)).toEqual([
      '2024-05-01 10:00:00',
      '2024-05-01 11:00:00',
      null,
    ]);
    expect(await watermarkChunks(h.store, watermark, '2024-05-01 10:00:00', 3)).toEqual([
      '2024-05-01 11:00:00',
      null,
    ]);
    expect(await watermarkChunks(h.store, watermark, null, 8)).toEqual([null]);
  });
});
