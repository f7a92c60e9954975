import type { Page } from '@playwright/test';
import type { ModelSelection } from '../../src/pipeline/dag';
import { expect, test } from './fixtures';
import { chooseFiles, landingFiles, sample, upload } from './sources-helpers';

/** The Olist files the clickstream simulator reads its catalog from. */
const CATALOG_FILES = [
  'olist_customers_dataset.csv',
  'olist_orders_dataset.csv',
  'olist_order_items_dataset.csv',
  'olist_products_dataset.csv',
];

/**
 * Two tabs of one browser profile (one persistent context, two pages: the same OPFS, the same Web
 * Locks) ingesting the event stream at once, as a user would. Exactly once is checked from outside
 * the app's bookkeeping: the lines of every landed batch file against the rows bronze.events holds
 * for it, and silver.events against its key.
 */

/** Lines of every landed event batch, read from OPFS in the page (not through the app). */
async function landedEventLines(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const lakehouse = await root.getDirectoryHandle('lakehouse');
    const events = await (await lakehouse.getDirectoryHandle('landing')).getDirectoryHandle('events');
    const lines: Record<string, number> = {};
    for await (const [name, handle] of (
      events as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }
    ).entries()) {
      if (handle.kind !== 'file' || !/^batch-\d+\.jsonl$/.test(name)) continue;
      const text = await (await (handle as FileSystemFileHandle).getFile()).text();
      lines[`landing/events/${name}`] = text.split('\n').filter((line) => line.length > 0).length;
    }
    return lines;
  });
}

/** Rows bronze.events holds per landed file, as a fresh read of the table gives them. */
async function bronzeRowsPerFile(page: Page): Promise<Record<string, number>> {
  const rows = (await page.evaluate(() =>
    window.lakehouse.sql('select _source_file as f, count(*)::int as n from bronze.events group by 1'),
  )) as Array<{ f: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [r.f, r.n]));
}

/** silver.events after a pipeline run: event ids held more than once, and ids Bronze has that Silver lacks. */
async function silverEventFacts(page: Page, select?: ModelSelection) {
  if (select)
    await page.evaluate((select) => window.lakehouse.engine.pipeline.run(undefined, { select }), select);
  else await page.evaluate(() => window.lakehouse.runPipeline());
  const [facts] = (await page.evaluate(() =>
    window.lakehouse.sql(`select
      (select count(event_id) - count(distinct event_id) from silver.events)::int as doubled,
      (select count(*) from (select distinct trim(event_id) as id from bronze.events where nullif(trim(event_id), '') is not null
        except select event_id from silver.events))::int as missing,
      (select count(*) from silver.events)::int as rows`),
  )) as Array<{ doubled: number; missing: number; rows: number }>;
  return facts;
}

/** The demo's lakehouse (Gold built), then a second tab of the same profile. */
async function twoTabsAfterTheDemo(
  openApp: (page?: Page) => Promise<Page>,
  page: Page,
  newPage: () => Promise<Page>,
): Promise<Page> {
  await openApp();
  await page.evaluate(() => window.lakehouse.runDemo());
  return openApp(await newPage());
}

test('two tabs clicking "Simulate events" at the same moment: every landed line is in bronze.events once, every event id in silver.events once', async ({
  context,
  page,
  openApp,
}) => {
  const second = await twoTabsAfterTheDemo(openApp, page, () => context.newPage());
  const tabs = [page, second];
  for (const tab of tabs) {
    await tab.goto('/#/sources');
    await tab.getByLabel('Batches').fill('4');
    await tab.getByLabel('Events per batch').fill('5000');
  }
  const before = Object.keys(await landedEventLines(page)).length;
  await Promise.all(tabs.map((tab) => tab.getByRole('button', { name: 'Simulate events' }).click()));
  for (const tab of tabs)
    await expect(tab.getByRole('status')).toContainText(/^Simulated [\d,]+ events/, { timeout: 150_000 });

  const landed = await landedEventLines(page);
  expect(Object.keys(landed).length - before, 'batches the two tabs landed').toBe(8);
  expect(await bronzeRowsPerFile(page)).toEqual(landed);
  // A third look, from the other tab: the same table.
  expect(await bronzeRowsPerFile(second)).toEqual(landed);
  const silver = await silverEventFacts(second);
  expect(silver.rows).toBeGreaterThan(0);
  expect(silver).toMatchObject({ doubled: 0, missing: 0 });
});

/** A small seeded generator (mulberry32), so a failing run can be repeated with its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Start the tab's event stream as "Start stream" does, with small batches and a trigger every second
 * (the screen's shortest interval): two tabs land fifty batches in about half a minute.
 */
async function startStream(tab: Page): Promise<void> {
  await tab.evaluate(() =>
    window.lakehouse.engine.sources.startEventStream({
      eventsPerBatch: 300,
      intervalMs: 1_000,
      seed: 11,
      faults: { duplicateRate: 0.01, lateRate: 0.01, malformedRate: 0.002, newFieldFromBatch: 2 },
    }),
  );
}

test('two tabs streaming events while one is closed and reopened at random moments: every landed line is in bronze.events once', async ({
  context,
  page,
  openApp,
}) => {
  const seed = Number(process.env.TWO_TABS_SEED ?? Date.now() % 1_000_000);
  console.log(`[two tabs killed at random] seed ${seed} (TWO_TABS_SEED=${seed} repeats this run)`);
  const random = seeded(seed);
  const t0 = Date.now();
  const at = (what: string) => console.log(`[two tabs killed at random] ${what} at ${Date.now() - t0} ms`);
  await openApp();
  // The simulator's catalog: the real sample's customers, orders, items and products.
  await chooseFiles(
    page,
    CATALOG_FILES.map((name) => upload(name, sample(name))),
  );
  at('catalog ingested');
  const steady = page;
  let victim = await openApp(await context.newPage());
  await startStream(steady);
  await startStream(victim);
  at('streams started');

  const triggers = 50;
  const closes = 3;
  let kills = 0;
  let landed = Object.keys(await landedEventLines(steady)).length;
  while (landed < triggers || kills < closes) {
    // Let the victim stream for 0.2 to 2 s, then close it wherever it is (landing, staging, committing).
    await victim.waitForTimeout(200 + random() * 1_800);
    await victim.close();
    kills++;
    if (random() < 0.5) await steady.waitForTimeout(random() * 1_000);
    victim = await openApp(await context.newPage());
    await startStream(victim);
    landed = Object.keys(await landedEventLines(steady)).length;
    at(`reopened (${landed} batches)`);
  }
  for (const tab of [steady, victim])
    await tab.evaluate(() => window.lakehouse.engine.sources.stopEventStream());
  at('stopped');
  // A batch landed by a tab closed before its trigger committed is picked up by the next ingestion.
  await steady.evaluate(() => window.lakehouse.engine.sources.ingestLanding());
  const lines = await landedEventLines(steady);
  console.log(`[two tabs killed at random] ${Object.keys(lines).length} batches landed, ${kills} closes`);
  expect(Object.keys(lines).length).toBeGreaterThanOrEqual(triggers);
  at('ingested');
  expect(await bronzeRowsPerFile(victim)).toEqual(lines);
  at('bronze checked');
  const silver = await silverEventFacts(victim, { model: 'silver.events' });
  at('silver checked');
  expect(silver.rows).toBeGreaterThan(0);
  expect(silver).toMatchObject({ doubled: 0, missing: 0 });
});

/** Names in a table's folder in OPFS (data files, temporary files, `_delta_log`), read in the page. */
async function tableFolderEntries(page: Page, layer: string, name: string): Promise<string[]> {
  return page.evaluate(
    async ({ layer, name }) => {
      try {
        const root = await navigator.storage.getDirectory();
        let dir = await root.getDirectoryHandle('lakehouse');
        for (const part of ['tables', layer, name]) dir = await dir.getDirectoryHandle(part);
        const names: string[] = [];
        for await (const [entry] of (dir as unknown as { entries(): AsyncIterable<[string]> }).entries())
          names.push(entry);
        return names;
      } catch {
        return [];
      }
    },
    { layer, name },
  );
}

test('a reset in one tab while the other tab writes waits for the commit, then leaves a lakehouse both tabs read and write', async ({
  context,
  page,
  openApp,
}) => {
  await openApp();
  const other = await openApp(await context.newPage());
  await page.evaluate(() =>
    window.lakehouse.sql('create table silver.big as select 1::bigint as id, 0 as n'),
  );
  const before = (await tableFolderEntries(other, 'silver', 'big')).length;
  let settled = false;
  const writing = page
    .evaluate(() =>
      window.lakehouse.sql('insert into silver.big select i as id, i % 7 as n from range(3000000) t(i)').then(
        () => 'committed',
        (error: Error) => error.message,
      ),
    )
    .finally(() => (settled = true));
  // The reset starts once the write has begun writing its data files: between its read and its commit.
  await expect
    .poll(() => tableFolderEntries(other, 'silver', 'big').then((e) => e.length), { intervals: [20] })
    .toBeGreaterThan(before);
  expect(settled, 'the write was still running when the reset started').toBe(false);
  await other.evaluate(() => window.lakehouse.reset());
  expect(await writing).toBe('committed');

  // Both tabs see an empty lakehouse, and write and read it again.
  for (const tab of [page, other])
    expect(await tab.evaluate(() => window.lakehouse.engine.lake.listTables())).toEqual([]);
  expect(await tableFolderEntries(other, 'silver', 'big')).toEqual([]);
  await page.evaluate(() => window.lakehouse.sql('create table silver.big as select 7::bigint as id'));
  expect(await other.evaluate(() => window.lakehouse.sql('select id from silver.big'))).toEqual([{ id: 7 }]);
  await other.evaluate(() => window.lakehouse.sql('insert into silver.big select 8'));
  expect(await page.evaluate(() => window.lakehouse.sql('select id from silver.big order by id'))).toEqual([
    { id: 7 },
    { id: 8 },
  ]);
});

test('two tabs uploading different files under one name at the same moment: both land side by side and both reach Bronze', async ({
  context,
  page,
  openApp,
}) => {
  await openApp();
  const other = await openApp(await context.newPage());
  const rounds = 6;
  const startAt = Date.now() + 2_000;
  // Each round both tabs upload a sellers file named sellers-<round>.csv with rows of their own, at one instant.
  const uploads = [page, other].map((tab, t) =>
    tab.evaluate(
      async ({ t, rounds, startAt }) => {
        const landed: string[] = [];
        for (let round = 0; round < rounds; round++) {
          const rows = Array.from({ length: 3 }, (_, i) => `tab${t}-r${round}-s${i},01001,sao paulo,SP`);
          const text = ['seller_id,seller_zip_code_prefix,seller_city,seller_state', ...rows, ''].join('\n');
          const file = new File([text], `sellers-${round}.csv`, { type: 'text/csv' });
          const at = startAt + round * 1_500;
          await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
          const [report] = await window.lakehouse.ingest([file]);
          landed.push(`${report.status} ${report.rows}`);
        }
        return landed;
      },
      { t, rounds, startAt },
    ),
  );
  for (const reports of await Promise.all(uploads))
    expect(reports).toEqual(Array.from({ length: rounds }, () => 'ingested 3'));
  const files = (await landingFiles(page)).filter((f) => f.startsWith('landing/olist/sellers-'));
  expect(files).toHaveLength(2 * rounds);
  const perFile = (await page.evaluate(() =>
    window.lakehouse.sql(
      `select _source_file as f, count(*)::int as n, count(distinct split_part(seller_id, '-', 1))::int as tabs
       from bronze.olist_sellers group by 1 order by 1`,
    ),
  )) as Array<{ f: string; n: number; tabs: number }>;
  expect(perFile.map((r) => r.f)).toEqual(files);
  expect(perFile.every((r) => r.n === 3 && r.tabs === 1)).toBe(true);
});
