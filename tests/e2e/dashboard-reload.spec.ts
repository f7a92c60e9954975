import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Without sw.js, page.route sees DuckDB's .wasm being fetched: holding it back holds the engine.
test.use({ serviceWorkers: 'block' });

const ANSWERS_KEY = 'pocket-lakehouse:answers';

/** The "Valid orders" figure as a number (NaN while it is not shown). */
async function validOrders(page: Page): Promise<number> {
  const figure = page.getByRole('definition').first();
  if ((await figure.count()) === 0) return Number.NaN;
  return Number(((await figure.textContent()) ?? '').replace(/\D/g, '') || Number.NaN);
}

/** Whether the engine has started (window.lakehouse.ready has resolved). */
function engineStarted(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    Promise.race([
      window.lakehouse.ready.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 50)),
    ]),
  );
}

/** Reload with DuckDB's .wasm held back until `release` is called: the engine cannot start before. */
async function reloadWithEngineHeld(page: Page): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/duckdb-(eh|mvp)[^/]*\.wasm/, async (route) => {
    await released;
    await route.continue();
  });
  await page.reload();
  return async () => {
    release();
    await page.evaluate(() => window.lakehouse.ready);
    await page.unrouteAll({ behavior: 'wait' });
  };
}

test('after a reload the Dashboard shows its remembered figures before the engine has started, and only while Gold still ends at the commit they were read from', async ({
  page,
  openApp,
}) => {
  test.setTimeout(180_000);
  await openApp();
  await page.evaluate(() =>
    window.lakehouse.sql(`create table gold.daily_sales as
      select date '2018-01-01' + i::int as order_date, 3 as orders, 10.5::double as gmv, 12.0::double as payments
      from range(40) t(i)`),
  );
  await page.goto('/#/dashboard');
  await expect.poll(() => validOrders(page)).toBe(120);
  // The figures are remembered with the commit they were read from.
  await expect
    .poll(() => page.evaluate((key) => localStorage.getItem(key) ?? '', ANSWERS_KEY))
    .toContain('gold.daily_sales');

  // Reloaded with the engine held back: the figures come from what was remembered.
  let release = await reloadWithEngineHeld(page);
  await expect.poll(() => validOrders(page), { timeout: 20_000 }).toBe(120);
  expect(await engineStarted(page)).toBe(false);
  await release();
  await expect.poll(() => validOrders(page)).toBe(120);

  // A commit this page did not remember (as if another tab made it): what was remembered no
  // longer holds, and the figures wait for the engine.
  await page.evaluate(() =>
    window.lakehouse.sql(`insert into gold.daily_sales values (date '2018-03-01', 5, 1, 1)`),
  );
  await expect.poll(() => validOrders(page)).toBe(125);
  await expect
    .poll(() => page.evaluate((key) => localStorage.getItem(key) ?? '', ANSWERS_KEY))
    .toContain('"version":1');
  await page.evaluate((key) => {
    const saved = localStorage.getItem(key)!;
    localStorage.setItem(key, saved.replaceAll('"version":1', '"version":0'));
  }, ANSWERS_KEY);
  release = await reloadWithEngineHeld(page);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await page.waitForTimeout(1500);
  expect(await validOrders(page)).toBeNaN();
  expect(await engineStarted(page)).toBe(false);
  await release();
  await expect.poll(() => validOrders(page)).toBe(125);
});
