import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const DIST = process.env.E2E_DIST ?? 'dist';
const SW_PATH = join(DIST, 'sw.js');

test('after a redeploy, the new build takes over a quiet tab, and the old build still loads its own worker chunks offline', async ({
  context,
  page,
  openApp,
}) => {
  await openControlledApp(page, openApp);
  // Chromium abandons skipWaiting()'s activation when a fetch reaches the outgoing worker at that
  // moment (the new worker then waits for the tab to close): take over a tab that has gone quiet.
  await untilNoRequests(context, 1_500);
  const caches = await redeploy(page, async () => {
    const registration = await navigator.serviceWorker.ready;
    const changed = new Promise((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', resolve),
    );
    await registration.update();
    await changed;
    return window.caches.keys();
  });
  expect(caches).toContain('pocket-lakehouse-nextbuild');
  expect(await fetchOfflineStatus(page, context, `./assets/${laterChunk()}`)).toBe(200);
});

/** Open the app and wait until its service worker controls the page. */
async function openControlledApp(page: Page, openApp: () => Promise<Page>): Promise<void> {
  await openApp();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
  });
}

/** A chunk this build loads only when asked (the generator's worker): not fetched yet by the open tab. */
function laterChunk(): string {
  return readdirSync(join(DIST, 'assets')).find((f) => /^generator\.worker-.*\.js$/.test(f))!;
}

/**
 * Put the next build's sw.js in place (another cache name and other files: its hashed chunks have
 * other names) while `inPage` runs in the page, then the current one back. The preview server reads
 * files from disk on every request.
 */
async function redeploy<T>(page: Page, inPage: () => Promise<T>): Promise<T> {
  const current = readFileSync(SW_PATH, 'utf8');
  const next = current
    .replace(/const CACHE = 'pocket-lakehouse-[^']+';/, "const CACHE = 'pocket-lakehouse-nextbuild';")
    .replace(/const FILES = \[.*\];/, "const FILES = ['./', './favicon.svg', './manifest.webmanifest'];");
  expect(next).not.toBe(current);
  writeFileSync(SW_PATH, next);
  try {
    return await page.evaluate(inPage);
  } finally {
    writeFileSync(SW_PATH, current);
  }
}

async function fetchOfflineStatus(
  page: Page,
  context: BrowserContext,
  path: string,
): Promise<number | string> {
  await context.setOffline(true);
  return page.evaluate(async (url) => {
    try {
      return (await fetch(url)).status;
    } catch (error) {
      return String(error);
    }
  }, path);
}

/** Resolves once no request of the tab (its page and workers) is open and none began for `quietMs`. */
async function untilNoRequests(context: BrowserContext, quietMs: number): Promise<void> {
  let open = 0;
  let last = Date.now();
  const began = () => {
    open++;
    last = Date.now();
  };
  const ended = () => {
    open--;
    last = Date.now();
  };
  context.on('request', began);
  context.on('requestfinished', ended);
  context.on('requestfailed', ended);
  try {
    while (open > 0 || Date.now() - last < quietMs) await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    context.off('request', began);
    context.off('requestfinished', ended);
    context.off('requestfailed', ended);
  }
}
