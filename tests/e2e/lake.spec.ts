import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Run console SQL through `window.lakehouse.sql` in a page. */
function sql(page: Page, query: string): Promise<Record<string, unknown>[]> {
  return page.evaluate((q) => window.lakehouse.sql(q), query);
}

/** Names of the files under a table's folder in OPFS, read from the page's main thread. */
function opfsFiles(page: Page, table: string): Promise<string[]> {
  return page.evaluate(async (path) => {
    const names: string[] = [];
    async function walk(dir: FileSystemDirectoryHandle, prefix: string): Promise<void> {
      for await (const [name, handle] of dir as unknown as AsyncIterable<[string, FileSystemHandle]>) {
        if (handle.kind === 'directory') await walk(handle as FileSystemDirectoryHandle, `${prefix}${name}/`);
        else names.push(`${prefix}${name}`);
      }
    }
    let dir = await navigator.storage.getDirectory();
    try {
      for (const part of ['lakehouse', 'tables', ...path.split('.')])
        dir = await dir.getDirectoryHandle(part);
    } catch {
      return [];
    }
    await walk(dir, '');
    return names.sort();
  }, table);
}

test('a table and its history survive a reload', async ({ page, openApp }) => {
  await openApp();
  await sql(page, `create table silver.kept as select i as id, 'row ' || i as note from range(1000) t(i)`);
  await sql(page, `insert into silver.kept select 1000 + i, 'more' from range(10) t(i)`);
  await page.reload();
  await page.evaluate(() => window.lakehouse.ready);
  expect(await sql(page, 'select count(*)::int as n, sum(id)::bigint as s from silver.kept')).toEqual([
    { n: 1010, s: 509545 },
  ]);
  const history = await sql(page, 'describe history silver.kept');
  expect(history.map((h) => [h.version, h.operation])).toEqual([
    [1, 'WRITE'],
    [0, 'CREATE TABLE AS SELECT'],
  ]);
  expect(await sql(page, 'select count(*)::int as n from silver.kept version as of 0')).toEqual([
    { n: 1000 },
  ]);
});

test('a large write is Parquet-encoded, and read back decoded, in the encode worker; a small one in the engine worker', async ({
  context,
  page,
  openApp,
}) => {
  await openApp();
  const report = () => page.evaluate(() => window.lakehouse.engine.debug.encodeReport());
  const before = await report();
  await sql(page, `create table silver.tiny as select 1 as id`);
  await sql(
    page,
    `create table silver.wide as select i as id, md5(i::varchar) as tag from range(100000) t(i)`,
  );
  const after = await report();
  // The worker started (no fallback) and took the large file; the one-row file stayed local.
  expect(after?.encodesIn).toBe('worker');
  expect(after!.worker.files - before!.worker.files).toBe(1);
  expect(after!.local.files - before!.local.files).toBeGreaterThanOrEqual(1);
  expect(
    await sql(page, 'select count(*)::int as n, count(distinct tag)::int as tags from silver.wide'),
  ).toEqual([{ n: 100000, tags: 100000 }]);
  // Another page has no loaded copy: it reads the large file back, decoding it in its encode worker.
  const second = await openApp(await context.newPage());
  expect(
    await sql(second, 'select count(*)::int as n, count(distinct tag)::int as tags from silver.wide'),
  ).toEqual([{ n: 100000, tags: 100000 }]);
  const read = await second.evaluate(() => window.lakehouse.engine.debug.encodeReport());
  expect(read?.decodedInWorker).toBe(1);
});

test('two pages appending to the same table at once: every row lands, versions are contiguous', async ({
  context,
  page,
  openApp,
}) => {
  await openApp();
  const second = await openApp(await context.newPage());
  await sql(page, `create table bronze.shared as select 0 as page, 0 as n`);
  const appends = (p: Page, id: number) =>
    p.evaluate(async (pageId) => {
      const versions: number[] = [];
      for (let n = 1; n <= 6; n++) {
        const rows = await window.lakehouse.sql(`insert into bronze.shared values (${pageId}, ${n})`);
        versions.push(Number(rows[0].version));
      }
      return versions;
    }, id);
  const [first, other] = await Promise.all([appends(page, 1), appends(second, 2)]);
  expect([...first, ...other].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  for (const p of [page, second]) {
    expect(
      await sql(p, 'select page, count(*)::int as n from bronze.shared group by page order by page'),
    ).toEqual([
      { page: 0, n: 1 },
      { page: 1, n: 6 },
      { page: 2, n: 6 },
    ]);
  }
  const history = await sql(second, 'describe history bronze.shared');
  expect(history.map((h) => h.version)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
});

test('a page writes into partition folders another page deleted (a reset), creating them afresh', async ({
  context,
  page,
  openApp,
}) => {
  await openApp();
  const second = await openApp(await context.newPage());
  await sql(
    page,
    `create table silver.again partitioned by (part) as select i as id, i % 3 as part from range(30) t(i)`,
  );
  expect((await opfsFiles(page, 'silver.again')).filter((f) => f.endsWith('.parquet'))).toHaveLength(3);
  // The second page resets the lakehouse and creates the table again with part 0 only.
  await second.evaluate(async () => {
    await window.lakehouse.reset();
    await window.lakehouse.sql(
      `create table silver.again partitioned by (part) as select 100 as id, 0 as part`,
    );
  });
  expect((await opfsFiles(page, 'silver.again')).filter((f) => f.endsWith('.parquet'))).toHaveLength(1);
  // The first page knew the folders of parts 1 and 2; its next write must create them again.
  await sql(page, `insert into silver.again select i, i % 3 from range(6) t(i)`);
  expect(
    await sql(page, 'select part, count(*)::int as n from silver.again group by part order by part'),
  ).toEqual([
    { part: 0, n: 3 },
    { part: 1, n: 2 },
    { part: 2, n: 2 },
  ]);
  const files = await opfsFiles(page, 'silver.again');
  expect(files.filter((f) => f.startsWith('_delta_log/'))).toEqual([
    '_delta_log/00000000000000000000.json',
    '_delta_log/00000000000000000001.json',
  ]);
  expect(files.filter((f) => f.endsWith('.parquet'))).toHaveLength(4);
  expect(await sql(second, 'select count(*)::int as n from silver.again')).toEqual([{ n: 7 }]);
});

test('a page closed in the middle of a large commit: the table keeps its version, VACUUM finds the orphans', async ({
  context,
  page,
  openApp,
}) => {
  await openApp();
  await sql(page, `create table silver.big as select i as id from range(100) t(i)`);
  const before = await opfsFiles(page, 'silver.big');
  // A large append (three files of a million rows); the page closes once its first data file is written.
  const closedMidway = page
    .evaluate(() => window.lakehouse.sql(`insert into silver.big select i from range(3000000) t(i)`))
    .then(
      () => 'committed',
      () => 'closed',
    );
  await expect
    .poll(async () => (await opfsFiles(page, 'silver.big')).filter((f) => f.endsWith('.parquet')).length, {
      timeout: 120_000,
      intervals: [50],
    })
    .toBeGreaterThan(before.filter((f) => f.endsWith('.parquet')).length);
  await page.close();
  expect(await closedMidway).toBe('closed');

  const reopened = await openApp(await context.newPage());
  expect(await sql(reopened, 'select count(*)::int as n from silver.big')).toEqual([{ n: 100 }]);
  expect((await sql(reopened, 'describe history silver.big')).map((h) => h.version)).toEqual([0]);
  const leftBehind = (await opfsFiles(reopened, 'silver.big')).filter((f) => !before.includes(f));
  expect(leftBehind.length).toBeGreaterThan(0);
  const dryRun = await sql(reopened, 'VACUUM silver.big DRY RUN');
  // Orphans: the data files, and the log entry's temporary file when the page closed while writing it.
  expect(dryRun.map((r) => r.path).sort()).toEqual(
    leftBehind.filter((f) => !f.startsWith('_delta_log/') || f.includes('.tmp-write')),
  );
  await sql(reopened, 'VACUUM silver.big');
  expect((await opfsFiles(reopened, 'silver.big')).filter((f) => !f.startsWith('_delta_log/'))).toEqual(
    before.filter((f) => !f.startsWith('_delta_log/')),
  );
  expect(await sql(reopened, 'insert into silver.big values (7)')).toEqual([
    { num_affected_rows: 1, num_inserted_rows: 1, version: 1 },
  ]);
});

test('time travel and RESTORE typed into the SQL console', async ({ page, openApp }) => {
  await openApp();
  await page.getByRole('link', { name: 'SQL' }).click();
  const editor = page.getByLabel('SQL', { exact: true });
  const run = async (query: string) => {
    await editor.fill(query);
    await page.getByRole('button', { name: 'Run query' }).click();
    await expect(page.getByRole('button', { name: 'Run query' })).toBeEnabled();
  };
  const grid = page.getByRole('grid', { name: 'Query result' });

  await run(`create table silver.orders as select 'o1' as order_id, 'created' as order_status`);
  await run(`insert into silver.orders values ('o2', 'created')`);
  await run(`delete from silver.orders where order_id = 'o1'`);
  await run('select order_id from silver.orders VERSION AS OF 1 order by order_id');
  await expect(grid.getByRole('gridcell', { name: 'o1' })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: 'o2' })).toBeVisible();

  await run('DESCRIBE HISTORY silver.orders');
  await expect(grid.getByRole('row')).toHaveCount(4);
  await expect(grid.getByRole('gridcell', { name: 'DELETE', exact: true })).toBeVisible();

  await run('RESTORE TABLE silver.orders TO VERSION AS OF 0');
  await expect(grid.getByRole('columnheader', { name: /num_restored_files/ })).toBeVisible();
  await run('select order_id from silver.orders');
  await expect(grid.getByRole('gridcell', { name: 'o1' })).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: 'o2' })).toHaveCount(0);

  await run('select * from silver.orders VERSION AS OF 12');
  await expect(page.getByRole('alert')).toContainText(
    'silver.orders has versions 0–3; version 12 does not exist',
  );
  const timestamp = String((await sql(page, 'describe history silver.orders'))[2].timestamp);
  await run(`select count(*) as n from silver.orders TIMESTAMP AS OF '${timestamp}'`);
  await expect(grid.getByRole('gridcell', { name: '2', exact: true })).toBeVisible();
});

test('[measure] a 1M-row table: commit overhead, open, time travel 20 commits back, Z-order lookup', async ({
  page,
  openApp,
}) => {
  test.setTimeout(600_000);
  await openApp();
  const million = `select i::bigint as order_id, md5((hash(i) % 200000)::varchar) as customer_unique_id,
                          (i % 10000 * 0.37)::decimal(18,2) as amount, timestamp '2017-01-01' + to_seconds(i) as ts
                   from range(1000000) t(i)`;
  const write = (query: string, mode: 'append' | 'overwrite') =>
    page.evaluate(
      ([q, m]) => window.lakehouse.engine.lake.write('silver.million', { sql: q, mode: m as 'append' }),
      [query, mode],
    );
  const created = await write(million, 'overwrite');
  const appended = await write(million.replace('select i::bigint', 'select (1000000 + i)::bigint'), 'append');
  for (const [label, commit] of [
    ['create', created],
    ['append', appended],
  ] as const) {
    const t = commit.timings!;
    const parquet = (t.exportMs ?? 0) + (t.encodeMs ?? 0) + (t.storageMs ?? 0);
    const overhead = (t.statsMs ?? 0) + (t.commitMs ?? 0) + (t.cacheMs ?? 0);
    console.log(
      `[measure] ${label} 1M rows: query ${t.queryMs?.toFixed(0)} ms; Parquet write ${parquet.toFixed(0)} ms ` +
        `(Arrow export ${t.exportMs?.toFixed(0)} + encode wait ${t.encodeMs?.toFixed(0)} + OPFS ${t.storageMs?.toFixed(0)}); ` +
        `beyond it: file cut + stats ` +
        `${t.statsMs?.toFixed(0)} ms, log commit ${t.commitMs?.toFixed(0)} ms, loaded-table update ` +
        `${t.cacheMs?.toFixed(0)} ms = ${overhead.toFixed(0)} ms (${((overhead / parquet) * 100).toFixed(0)}% of the Parquet write)`,
    );
  }
  for (let i = 0; i < 21; i++)
    await write(
      `select ${3000000 + i}::bigint as order_id, 'x' as customer_unique_id, 1 as amount, null as ts`,
      'append',
    );
  const latest = 22;

  await sql(page, 'create table silver.tiny as select 1 as id');
  await page.reload();
  await page.evaluate(() => window.lakehouse.ready);
  // The first Parquet read after a reload also starts parquet-wasm; time it on a one-row table.
  const warmUp = await page.evaluate(async () => {
    const t0 = performance.now();
    await window.lakehouse.sql('select count(*) from silver.tiny');
    return performance.now() - t0;
  });
  console.log(
    `[measure] first read after a reload (one-row table, parquet-wasm warm-up): ${warmUp.toFixed(0)} ms`,
  );
  const open = await page.evaluate(async () => {
    const t0 = performance.now();
    const rows = await window.lakehouse.sql('select count(*)::int as n from silver.million');
    return { ms: performance.now() - t0, n: rows[0].n };
  });
  expect(open.n).toBe(2_000_021);
  console.log(
    `[measure] open the latest version (${latest}, 2M rows, after a reload): ${open.ms.toFixed(0)} ms`,
  );
  const back = await page.evaluate(async (v) => {
    const t0 = performance.now();
    const rows = await window.lakehouse.sql(
      `select count(*)::int as n from silver.million version as of ${v}`,
    );
    return { ms: performance.now() - t0, n: rows[0].n };
  }, latest - 20);
  expect(back.n).toBe(2_000_001);
  console.log(`[measure] read version ${latest - 20} (20 commits back, 2M rows): ${back.ms.toFixed(0)} ms`);

  // One-customer lookup on 1M rows written as 20 appends, before and after OPTIMIZE ZORDER BY.
  for (let batch = 0; batch < 20; batch++) {
    await page.evaluate(
      (b) =>
        window.lakehouse.engine.lake.write('silver.lookup', {
          sql: `select (${b} * 50000 + i)::bigint as order_id, md5((hash(i * 31 + ${b}) % 200000)::varchar) as customer_unique_id,
                       (i % 1000)::decimal(18,2) as amount from range(50000) t(i)`,
          mode: 'append',
        }),
      batch,
    );
  }
  const customer = String((await sql(page, `select md5('4242') as c`))[0].c);
  const predicate = `customer_unique_id = '${customer}'`;
  const before = await page.evaluate(
    (p) => window.lakehouse.engine.lake.scan('silver.lookup', p, 'main.lookup_before'),
    predicate,
  );
  const files = await page.evaluate(() => window.lakehouse.engine.lake.files('silver.lookup'));
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  const optimized = await page.evaluate(
    (target) => window.lakehouse.engine.lake.optimize('silver.lookup', ['customer_unique_id'], target),
    Math.ceil(bytes / 20),
  );
  const after = await page.evaluate(
    (p) => window.lakehouse.engine.lake.scan('silver.lookup', p, 'main.lookup_after'),
    predicate,
  );
  console.log(
    `[measure] one-customer lookup on 1M rows: ${before.filesRead}/${before.filesTotal} files read before OPTIMIZE ZORDER BY ` +
      `(customer_unique_id), ${after.filesRead}/${after.filesTotal} after (OPTIMIZE took ${optimized.metrics.executionTimeMs} ms)`,
  );
  expect(after.filesRead).toBeLessThan(before.filesRead / 4);
  expect(await sql(page, 'select count(*)::int as n from main.lookup_after')).toEqual(
    await sql(page, 'select count(*)::int as n from main.lookup_before'),
  );
});
