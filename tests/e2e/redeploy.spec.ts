import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const DIST = process.env.E2E_DIST ?? 'dist';

test('after a redeploy, a tab of the old build still loads its own worker chunks while offline', async ({
  context,
  page,
  openApp,
}) => {
  await openApp();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
  });
  // A chunk this build loads only when asked (the generator's worker): not fetched yet by the open tab.
  const chunk = readdirSync(join(DIST, 'assets')).find((f) => /^generator\.worker-.*\.js$/.test(f))!;

  // The next build: another cache name and other files (its hashed chunks have other names).
  const current = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const next = current
    .replace(/const CACHE = 'pocket-lakehouse-[^']+';/, "const CACHE = 'pocket-lakehouse-nextbuild';")
    .replace(/const FILES = \[.*\];/, "const FILES = ['./', './favicon.svg', './manifest.webmanifest'];");
  expect(next).not.toBe(current);
  // The preview server reads files from disk on every request: put the next build's sw.js in place.
  const swPath = join(DIST, 'sw.js');
  writeFileSync(swPath, next);
  let caches: string[];
  try {
    caches = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const changed = new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve),
      );
      await registration.update();
      await changed;
      return window.caches.keys();
    });
  } finally {
    writeFileSync(swPath, current);
  }
  expect(caches).toContain('pocket-lakehouse-nextbuild');

  await context.setOffline(true);
  const status = await page.evaluate(async (path) => {
    try {
      return (await fetch(path)).status;
    } catch (error) {
      return String(error);
    }
  }, `./assets/${chunk}`);
  expect(status).toBe(200);
});
