// A reload of a built lakehouse, as a returning user has it: the page opened again on the
// Dashboard, timed until every chart is drawn (each chart box holds its SVG, nothing is waiting
// for a table, the section is no longer busy).
const SECTION = 'section[aria-labelledby="dashboard-heading"]';

/** Reload the page on the Dashboard; resolves with the window of the reload (epoch ms). */
export async function reloadToDashboard(page) {
  const from = Date.now();
  await page.evaluate(() => (location.hash = '#/dashboard'));
  await page.reload();
  await page.waitForFunction(
    (selector) => {
      const section = document.querySelector(selector);
      if (!section || section.getAttribute('aria-busy') === 'true') return false;
      if (section.querySelector('.waiting')) return false;
      const boxes = [...section.querySelectorAll('.plot')];
      return boxes.length > 0 && boxes.every((box) => box.querySelector('svg'));
    },
    SECTION,
    { polling: 'raf' },
  );
  const to = Date.now();
  return { ms: to - from, window: [from, to] };
}
