import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';

/** Where the step pictures go (outside the repository): LEARN_SCREENS or the system's temp folder. */
const SCREENS = process.env.LEARN_SCREENS ?? join(tmpdir(), 'lakehouse-learn-screens');
const THEMES = ['light', 'dark'] as const;
const WIDTHS = [1280, 820] as const;

/**
 * The step on screen passes an axe audit and fits the window in both themes at 1280 and 820 px,
 * and is photographed in each (the pictures are looked at by hand).
 */
async function shoot(page: Page, name: string, audited = 'article'): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  for (const colorScheme of THEMES) {
    await page.emulateMedia({ colorScheme });
    const audit = await new AxeBuilder({ page })
      .include(audited)
      .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
      .analyze();
    expect(
      audit.violations.map(
        (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
      `${name} (${colorScheme}): axe`,
    ).toEqual([]);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({
        path: join(SCREENS, `learn-${name}-${colorScheme}-${width}.png`),
        fullPage: true,
      });
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        `${name} (${colorScheme}) at ${width} px`,
      ).toBeLessThanOrEqual(width);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Errors the page logs or throws while the learner walks (there must be none). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return errors;
}

test('the walkthrough: each step acts on the learner’s lakehouse and draws its effect, progress is remembered', async ({
  page,
  openApp,
}) => {
  test.setTimeout(420_000);
  const errors = collectErrors(page);
  await openApp();
  await page.goto('/#/learn');
  const tryIt = page.getByRole('button', { name: /^Try it/ });
  const next = page.getByRole('button', { name: 'Next' });
  const steps = page.getByRole('navigation', { name: 'Steps' });
  const effectOf = (title: string) => page.getByRole('region', { name: `Effect of ${title}` });
  const stage = (title: string, name: string) => effectOf(title).getByRole('region', { name });

  // 1. Medallion: the first "Try it" runs the demo, then follows one order through the layers.
  await tryIt.click();
  const medallion = 'Medallion: one order, three layers';
  await expect(effectOf(medallion)).toBeVisible({ timeout: 240_000 });
  await expect(stage(medallion, 'Bronze: text as it arrived')).toContainText(
    'order_purchase_timestampVARCHAR',
  );
  await expect(stage(medallion, 'Silver: typed and clean')).toContainText('purchase_tsTIMESTAMP');
  await expect(stage(medallion, "Gold: that day's sales")).toContainText("this order's share");
  await expect(steps.getByRole('button', { name: /Medallion/ })).toContainText('✓');
  await shoot(page, '01-medallion');

  // 2. Exactly-once: the same file again is refused, Bronze keeps its version.
  await next.click();
  await tryIt.click();
  const once = 'Exactly-once ingestion';
  await expect(stage(once, 'Bronze says')).toContainText('already ingested');
  await expect(stage(once, 'After')).toContainText(/v(\d+) → v\1/);
  await expect(stage(once, 'After')).toContainText('no new version');
  await shoot(page, '02-exactly-once');

  // 3. Rescued data: a new field lands in _rescued_data, nothing dropped.
  await next.click();
  await tryIt.click();
  const rescued = 'Schema drift and rescued data';
  const arrived = (await stage(rescued, 'As it arrived').locator('.big').textContent())!.replace(
    ' events',
    '',
  );
  expect(Number(arrived)).toBeGreaterThanOrEqual(300);
  await expect(stage(rescued, 'In Bronze')).toContainText(`${arrived} rows, none dropped`);
  await expect(stage(rescued, 'In Bronze')).toContainText('"app_version"');
  await expect(effectOf(rescued).getByText('new', { exact: true })).toBeVisible();
  await shoot(page, '03-rescued-data');

  // 4. MERGE: late and duplicate events; the metrics and the new version.
  await next.click();
  await tryIt.click();
  const merge = 'MERGE: late and duplicate events';
  await expect(stage(merge, "The MERGE's metrics")).toContainText('inserted', { timeout: 120_000 });
  const inserted = Number(
    await stage(merge, "The MERGE's metrics").locator('.inserted strong').textContent(),
  );
  expect(inserted).toBeGreaterThan(0);
  // Every row that arrived is accounted for: dropped as a duplicate, inserted, updated or unchanged.
  const metric = async (name: string) =>
    Number(
      await stage(merge, "The MERGE's metrics")
        .locator('li', { hasText: name })
        .locator('strong')
        .textContent(),
    );
  const arrivedRows = Number(
    (await stage(merge, 'Arrived in Bronze').locator('.big').textContent())!.replace(' rows', ''),
  );
  expect(
    (await metric('duplicates dropped')) + inserted + (await metric('updated')) + (await metric('unchanged')),
  ).toBe(arrivedRows);
  await expect(stage(merge, 'Arrived in Bronze')).toContainText(/[1-9]\d* duplicate deliveries/);
  await expect(effectOf(merge).getByRole('list', { name: /Versions of silver.events/ })).toContainText(
    'MERGE',
  );
  await shoot(page, '04-merge');

  // 5. SCD2: a corrected customers file closes the old row and opens a new one.
  await next.click();
  await tryIt.click();
  const scd2 = 'Slowly changing dimensions (type 2)';
  await expect(stage(scd2, 'After the corrected file')).toContainText('closed: valid_to set', {
    timeout: 120_000,
  });
  await expect(stage(scd2, 'After the corrected file')).toContainText('new current row');
  await expect(stage(scd2, 'Before').locator('tbody tr')).toHaveCount(1);
  // The closed row: its valid_to is the new row's valid_from, no longer current; the new one is open.
  const closed = stage(scd2, 'After the corrected file').locator('tr.closed:not(.note) td');
  const opened = stage(scd2, 'After the corrected file').locator('tr.new:not(.note) td');
  await expect(closed.nth(3)).toHaveText('false');
  await expect(opened.nth(2)).toHaveText('NULL');
  await expect(opened.nth(3)).toHaveText('true');
  await expect(closed.nth(2)).toHaveText((await opened.nth(1).textContent())!);
  // Each order is joined to the address of its day: the old one before the move, the new one after.
  const joined = effectOf(scd2).getByRole('list', { name: 'Orders joined to the address of their day' });
  await expect(joined.getByRole('listitem').first()).toContainText(
    (await closed.nth(0).textContent())!.replace(/ \d+$/, ''),
  );
  await expect(joined.getByRole('listitem').last()).toContainText(
    (await opened.nth(0).textContent())!.replace(/ \d+$/, ''),
  );
  await shoot(page, '05-scd2');

  // 6. Time travel and RESTORE: the deleted rows come back as a new version.
  await next.click();
  await tryIt.click();
  const travel = 'Time travel and RESTORE';
  await expect(stage(travel, 'After the DELETE')).toContainText('0 canceled');
  const before = await stage(travel, 'Before').locator('.big').textContent();
  await expect(stage(travel, 'After the RESTORE').locator('.big')).toHaveText(before!);
  await expect(effectOf(travel).getByRole('list', { name: /Versions of silver.orders/ })).toContainText(
    'RESTORE',
  );
  await shoot(page, '06-time-travel');
  // Its query opens in the SQL console.
  await page.getByRole('button', { name: 'Open a query in the SQL console' }).click();
  await expect(page).toHaveURL(/#\/sql$/);
  await expect(page.getByRole('columnheader', { name: /^operation VARCHAR/ })).toBeVisible();
  await page.getByRole('link', { name: 'Learn' }).click();
  await expect(page.getByRole('heading', { name: /Time travel and RESTORE/ })).toBeVisible();

  // 7. OPTIMIZE ZORDER BY: the lookup reads every small file before, one after.
  await next.click();
  await tryIt.click();
  const optimize = 'OPTIMIZE, Z-order and data skipping';
  await expect(effectOf(optimize).getByRole('region', { name: /^Before: reads 8 of 8 files/ })).toBeVisible({
    timeout: 120_000,
  });
  const after = effectOf(optimize).getByRole('region', { name: /^After: reads 1 of \d+ files/ });
  await expect(after).toBeVisible();
  await expect(after.locator('li[data-state="removed"]')).toHaveCount(8);
  await expect(after.locator('li[data-read="true"]')).toHaveCount(1);
  await shoot(page, '07-optimize');
  // The same lookup on the Log screen: the explorer marks the one file it reads at the new version.
  await page.getByRole('link', { name: /See the lookup's files in the transaction log/ }).click();
  await expect(page).toHaveURL(/#\/log\?table=learn.orders_by_customer&filter=/);
  const lookupVersions = page.getByRole('list', { name: 'Versions of learn.orders_by_customer' });
  await expect(lookupVersions.getByRole('button', { name: /OPTIMIZE/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.locator('p', { hasText: /reads 1 of\s+\d+\s+files/ })).toBeVisible();
  await expect(page.locator('.files li[data-read="true"]')).toHaveCount(1);
  await expect(page.locator('.files li[data-read="false"]')).not.toHaveCount(0);
  await shoot(page, '07-optimize-log', 'main');
  await page.goBack();
  await expect(effectOf(optimize)).toBeVisible();

  // 8. VACUUM: refused without FORCE, then the grey files go and time travel to version 0 fails.
  await next.click();
  await tryIt.click();
  const vacuum = 'VACUUM: old files and the end of time travel';
  await expect(effectOf(vacuum).getByText(/^Refused: .*RETAIN 0 HOURS/)).toBeVisible();
  await expect(stage(vacuum, 'Before VACUUM').locator('li[data-state="removed"]')).toHaveCount(8);
  await expect(stage(vacuum, 'After VACUUM').locator('li[data-state="removed"]')).toHaveCount(0);
  await expect(stage(vacuum, 'Version 0 now').locator('li[data-state="missing"]')).not.toHaveCount(0);
  await expect(
    effectOf(vacuum).getByText(/^Time travel fails: Version 0 of learn.orders_by_customer needs/),
  ).toBeVisible();
  await shoot(page, '08-vacuum');

  // 9. Expectations: a bad review is quarantined, a negative payment fails its model.
  await next.click();
  await tryIt.click();
  const quality = 'Expectations: quarantine and fail';
  await expect(stage(quality, 'Quarantined')).toContainText('range(review_score)', { timeout: 120_000 });
  await expect(stage(quality, 'silver.reviews committed')).toContainText('1 row quarantined');
  await expect(stage(quality, 'silver.payments failed')).toContainText('range(payment_value)');
  await expect(stage(quality, 'silver.payments failed')).toContainText(/version (\d+) → \1: kept/);
  await expect(stage(quality, 'Downstream')).toContainText('gold.daily_sales skipped');
  await shoot(page, '09-expectations');
  // Reset: the Bronze tables go back, the pipeline runs clean again.
  await page.getByRole('button', { name: 'Reset this step' }).click();
  await expect(page.getByRole('status')).toContainText('reset — try it again', { timeout: 120_000 });
  await expect(effectOf(quality)).toHaveCount(0);
  await expect(steps.getByRole('button', { name: /Expectations/ })).not.toContainText('✓');
  const runs = await page.evaluate(() => window.lakehouse.engine.pipeline.latestRuns());
  expect(runs.find((r) => r.model === 'silver.payments')?.status).toBe('success');

  // 10. Gold: one customer's RFM and lifetime value traced to their orders; one session to the funnel.
  await next.click();
  await tryIt.click();
  const gold = 'Gold: metrics traced to their rows';
  await expect(stage(gold, 'gold.customer_rfm')).toContainText('✓');
  await expect(stage(gold, 'Funnel stages it reached')).toContainText('✓ purchased');
  await shoot(page, '10-gold');

  // Progress survives a reload: the steps whose effect was seen keep their mark.
  await page.reload();
  await expect(page.getByRole('heading', { name: /Gold: metrics traced/ })).toBeVisible();
  await expect(steps.getByText('✓')).toHaveCount(9);
  await expect(page.getByText('You have seen this step')).toBeVisible();
  expect(errors, 'errors logged or thrown by the page').toEqual([]);
});
