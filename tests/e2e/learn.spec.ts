import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The step on screen passes an axe audit, fits 820 px, and is photographed at 1280 and 820 px
 * (the pictures are looked at by hand).
 */
async function shoot(page: Page, name: string): Promise<void> {
  const audit = await new AxeBuilder({ page })
    .include('article')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  expect(
    audit.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `${name}: axe`,
  ).toEqual([]);
  await page.screenshot({ path: `test-results/learn-${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 820, height: 900 });
  await page.screenshot({ path: `test-results/learn-${name}-820.png`, fullPage: true });
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${name} at 820 px`,
  ).toBeLessThanOrEqual(820);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('the walkthrough: each step acts on the learner’s lakehouse and draws its effect, progress is remembered', async ({
  page,
  openApp,
}) => {
  test.setTimeout(420_000);
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
  const runs = await page.evaluate(() => window.lakehouse.engine.pipelineLatestRuns());
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
});
