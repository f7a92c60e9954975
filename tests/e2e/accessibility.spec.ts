import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

const THEMES = ['light', 'dark'] as const;

test('every screen passes an axe accessibility audit once the demo has built Gold, in both themes', async ({
  page,
  openApp,
}) => {
  await openApp();
  await page.evaluate(() => window.lakehouse.runDemo());
  // Every screen the navigation offers (the app finds its screens by their folders' screen.ts).
  const links = page.getByRole('navigation', { name: 'Screens' }).getByRole('link');
  const screens = await links.evaluateAll((anchors) =>
    anchors.map((a) => ({ href: a.getAttribute('href') ?? '', label: a.textContent?.trim() ?? '' })),
  );
  expect(screens.map((s) => s.label)).toEqual([
    'Sources',
    'Pipeline',
    'Dashboard',
    'Tables',
    'Quality',
    'SQL',
    'Learn',
    'Log',
  ]);
  for (const colorScheme of THEMES) {
    await page.emulateMedia({ colorScheme });
    for (const screen of screens) {
      await page.goto(`/${screen.href}`);
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      // Let data-driven screens finish loading before the audit.
      await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
      const audit = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
      const problems = audit.violations.map(
        (v) =>
          `${screen.label} (${colorScheme}): ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      expect(problems, `${screen.label} screen, ${colorScheme} theme`).toEqual([]);
    }
  }
});

for (const colorScheme of THEMES) {
  test(`the screens can be reached and used with the keyboard alone (${colorScheme} theme)`, async ({
    page,
    openApp,
  }) => {
    await page.emulateMedia({ colorScheme });
    await openApp();
    // Skip link first, then the Run demo button, then the navigation.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Run demo' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Sources' })).toBeFocused();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'SQL' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    // The editor is its own chunk, loaded as its screen opens.
    await expect(page.getByLabel('SQL', { exact: true })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('SQL', { exact: true })).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('select 1 + 2 as three');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('gridcell', { name: '3' })).toBeVisible();
  });
}
