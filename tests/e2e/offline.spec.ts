import { expect, test } from './fixtures';

test('after the first visit the app starts and runs queries with the network off', async ({
  context,
  page,
  openApp,
}) => {
  await openApp();
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    // Wait until the new worker has finished pre-caching and taken control.
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
    }
    return registration.active?.state;
  });
  await context.setOffline(true);
  await page.reload();
  await page.evaluate(() => window.lakehouse.ready);
  await expect(page.getByRole('status')).toContainText('Engine ready');
  expect(await page.evaluate(() => window.lakehouse.sql('select 1 + 1 as two'))).toEqual([{ two: 2 }]);
});
