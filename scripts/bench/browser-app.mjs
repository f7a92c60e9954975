// The production app in Debian Chromium: build it into its own folder, serve it with vite preview
// on the benchmark's own port, and open it in a fresh profile (a clean OPFS) for each scenario run.
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import { CHROMIUM_ARGS as CHROMIUM_FLAGS, CHROMIUM_PATH } from '../chromium.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// performance.memory in whole bytes rather than rounded buckets
const CHROMIUM_ARGS = [...CHROMIUM_FLAGS, '--enable-precise-memory-info'];

/**
 * Installed before the app's own scripts: main-thread long tasks, the long animation frames they
 * ran in (which script, from which file, and its forced style and layout: what a long task was)
 * and the main thread's JS heap, all with epoch-millisecond times so they can be matched to a
 * stage or a model afterwards.
 */
function installProbes() {
  const bench = { longTasks: [], frames: [], heap: [] };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      bench.longTasks.push({ at: performance.timeOrigin + entry.startTime, ms: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const keepFrames = (frames) => {
    for (const frame of frames)
      bench.frames.push({
        at: performance.timeOrigin + frame.startTime,
        ms: frame.duration,
        scripts: frame.scripts.map((script) => ({
          invoker: script.invoker,
          source: script.sourceURL,
          ms: script.duration,
          layoutMs: script.forcedStyleAndLayoutDuration,
        })),
      });
  };
  bench.takeFrames = () => {};
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    const frames = new PerformanceObserver((list) => keepFrames(list.getEntries()));
    frames.observe({ type: 'long-animation-frame', buffered: true });
    // A frame is told once it has ended, after its long task: the reader takes the ones still queued.
    bench.takeFrames = () => keepFrames(frames.takeRecords());
  }
  setInterval(() => {
    const memory = performance.memory;
    if (memory) bench.heap.push({ at: Date.now(), bytes: memory.usedJSHeapSize });
  }, 250);
}

/** Build the production app into `outDir` (unless told to reuse a build) and serve it on `port`. */
export async function serveApp({ outDir, port, reuseBuild }) {
  if (!reuseBuild) {
    // Its own process: Vite's dev server (used for the native side's modules) sets NODE_ENV to
    // development, which would make an in-process build a development build.
    const vite = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));
    const built = spawnSync(
      process.execPath,
      [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    if (built.status !== 0) throw new Error(`vite build failed (exit code ${built.status})`);
  }
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true },
  });
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/** The Chromium version string, e.g. "Chromium 156.0.8078.108". */
export async function chromiumVersion() {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    return `Chromium ${browser.version()}`;
  } finally {
    await browser.close();
  }
}

/**
 * Open the app in a fresh Chromium profile (a clean OPFS) and wait until the engine is ready and
 * the service worker has pre-cached the app, so a first visit's downloads do not run under a
 * timed step. `close()` ends Chromium and deletes the profile.
 */
export async function openFreshApp(url) {
  const profileDir = mkdtempSync(join(tmpdir(), 'lakehouse-bench-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  try {
    await context.addInitScript(installProbes);
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(0);
    await page.goto(url);
    await page.evaluate(() => window.lakehouse.ready);
    await page.evaluate(() =>
      Promise.race([navigator.serviceWorker?.ready, new Promise((resolve) => setTimeout(resolve, 30_000))]),
    );
    return {
      page,
      profileDir,
      async close() {
        await context.close();
        rmSync(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
}
