import { expect, test } from './fixtures';

/** The page's own colours as the browser computed them. */
function colours() {
  const body = getComputedStyle(document.body);
  const current = document.querySelector('nav a[aria-current="page"]')!;
  return {
    background: body.backgroundColor,
    text: body.color,
    scheme: getComputedStyle(document.documentElement).colorScheme,
    currentLink: getComputedStyle(current).backgroundColor,
  };
}

test.describe('dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('follows prefers-color-scheme: dark', async ({ page, openApp }) => {
    await openApp();
    expect(await page.evaluate(colours)).toEqual({
      background: 'rgb(17, 21, 27)',
      text: 'rgb(230, 234, 240)',
      scheme: 'dark',
      currentLink: 'rgb(134, 182, 242)',
    });
  });
});

test('the light theme is the default, and the page turns dark when the system does', async ({
  page,
  openApp,
}) => {
  await openApp();
  expect(await page.evaluate(colours)).toEqual({
    background: 'rgb(246, 247, 249)',
    text: 'rgb(27, 36, 48)',
    scheme: 'light',
    currentLink: 'rgb(31, 95, 168)',
  });
  await page.emulateMedia({ colorScheme: 'dark' });
  expect((await page.evaluate(colours)).background).toBe('rgb(17, 21, 27)');
});

test('the number format is chosen once and remembered across reloads', async ({ page, openApp }) => {
  await openApp();
  const setting = page.getByRole('combobox', { name: 'Numbers' });
  await expect(setting).toHaveValue('en-US');
  await setting.selectOption('pt-BR');
  await page.reload();
  await page.evaluate(() => window.lakehouse.ready);
  await expect(page.getByRole('combobox', { name: 'Numbers' })).toHaveValue('pt-BR');
});
