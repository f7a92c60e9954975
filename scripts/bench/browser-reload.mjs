// A reload of a built lakehouse, as a returning user has it: the page opened again on the
// Dashboard, timed until every chart is drawn (each chart box holds its SVG, nothing is waiting
// for a table, the section is no longer busy). The charts may be drawn from answers remembered
// across the reload (checked against the Delta logs in OPFS) before the engine has started; the
// engine's start is timed too, from its start-up steps.
const SECTION = 'section[aria-labelledby="dashboard-heading"]';
/** Where the page remembers answers across reloads (src/ui/query/answer-memory.ts). */
const ANSWERS_KEY = 'pocket-lakehouse:answers';

/** Whether every chart of the Dashboard is drawn (runs in the page). */
function drawn(selector) {
  const section = document.querySelector(selector);
  if (!section || section.getAttribute('aria-busy') === 'true') return false;
  if (section.querySelector('.waiting')) return false;
  const boxes = [...section.querySelectorAll('.plot')];
  return boxes.length > 0 && boxes.every((box) => box.querySelector('svg'));
}

/**
 * Open the Dashboard and wait until it is drawn and its answers remembered, as a user who looked
 * at it after the pipeline has left it.
 */
export async function showDashboard(page) {
  const from = Date.now();
  await page.evaluate(() => (location.hash = '#/dashboard'));
  await page.waitForFunction(drawn, SECTION, { polling: 'raf' });
  const to = Date.now();
  // Answers are written a moment after they arrive (SAVE_DELAY_MS).
  await page.waitForTimeout(500);
  return { ms: to - from, window: [from, to] };
}

/**
 * Reload the page on the Dashboard; resolves with its time, the engine's start (both ms from the
 * reload) and the window of the reload (epoch ms). `forget`: drop the remembered answers first,
 * so every chart waits for the engine (a first visit to the Dashboard after a reload).
 */
export async function reloadToDashboard(page, { forget = false } = {}) {
  if (forget) await page.evaluate((key) => localStorage.removeItem(key), ANSWERS_KEY);
  const from = Date.now();
  await page.evaluate(() => (location.hash = '#/dashboard'));
  await page.reload();
  await page.waitForFunction(drawn, SECTION, { polling: 'raf' });
  const to = Date.now();
  await page.evaluate(() => window.lakehouse.ready);
  const stages = await page.evaluate(() => window.lakehouse.engine.debug.bootStages());
  // Each step's `at` is epoch ms; the last one to end is the engine ready.
  const engineReadyAt = Math.max(...stages.map((stage) => stage.at + stage.ms));
  return { ms: to - from, engineReadyMs: Math.round(engineReadyAt - from), window: [from, to] };
}
