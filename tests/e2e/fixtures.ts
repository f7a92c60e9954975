import { test as base, chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const APP_ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;

interface Fixtures {
  /** A Chromium profile on disk, so OPFS is the real, persistent one; fresh for each test. */
  context: BrowserContext;
  page: Page;
  /** Every URL the pages of this test requested outside the app's origin (must stay empty). */
  foreignRequests: string[];
  /** Open the app and wait until the engine is ready. */
  openApp: (page?: Page) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  foreignRequests: async ({}, use) => {
    await use([]);
  },
  // `test.use({ colorScheme: 'dark' })` emulates prefers-color-scheme in the persistent context too.
  // `test.use({ serviceWorkers: 'block' })` keeps sw.js out, so page.route sees every request.
  context: async ({ foreignRequests, colorScheme, serviceWorkers }, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'lakehouse-e2e-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      baseURL: APP_ORIGIN,
      viewport: { width: 1280, height: 900 },
      colorScheme,
      serviceWorkers,
    });
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(APP_ORIGIN) && !url.startsWith('data:') && !url.startsWith('blob:')) {
        foreignRequests.push(url);
      }
    });
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    expect(foreignRequests, 'requests to origins other than the app').toEqual([]);
  },
  page: async ({ context }, use) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await use(page);
  },
  openApp: async ({ page }, use) => {
    await use(async (target = page) => {
      await target.goto('/');
      await target.evaluate(() => window.lakehouse.ready);
      return target;
    });
  },
});

export { expect };
