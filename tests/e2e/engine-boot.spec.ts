import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The engine worker's start-up steps, by name. */
async function bootStepNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await window.lakehouse.engine.debug.bootStages()).map((s) => s.name));
}

test('the engine worker instantiates DuckDB from the module compiled beside it, on a first visit and a reload', async ({
  page,
  openApp,
}) => {
  await openApp();
  for (const visit of ['first visit', 'reload']) {
    const steps = await bootStepNames(page);
    expect(steps, visit).toContain('DuckDB-WASM module from the page');
    expect(steps, visit).toContain('DuckDB-WASM instantiate (compiled by the page)');
    expect(steps, visit).not.toContain('DuckDB-WASM fetch, compile and instantiate');
    expect(await page.evaluate(() => window.lakehouse.sql('select 40 + 2 as answer')), visit).toEqual([
      { answer: 42 },
    ]);
    if (visit === 'first visit') {
      await page.reload();
      await page.evaluate(() => window.lakehouse.ready);
    }
  }
});
