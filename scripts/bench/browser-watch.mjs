// While a run goes on, read the status region and the worker's WebAssembly memory every few
// seconds: if the tab dies, the last reading says what it was doing and how big it had grown.

/** Start watching `page`; `last()` is the latest reading ({ at, status, wasm }), `stop()` ends it. */
export function watchPage(page, intervalMs = 2000) {
  let last = null;
  let stopped = false;
  let timer = null;
  const tick = async () => {
    try {
      const reading = await page.evaluate(async () => ({
        status: document.querySelector('[role="status"]')?.textContent?.trim() ?? '',
        // The worker answers between statements; a long statement must not hold up the status.
        wasm: await Promise.race([
          window.lakehouse.engine.debug.wasmMemory(),
          new Promise((resolve) => setTimeout(() => resolve(null), 1500)),
        ]),
      }));
      last = { at: Date.now(), status: reading.status, wasm: reading.wasm ?? last?.wasm ?? null };
    } catch {
      // the page is gone or navigating; the last reading stays
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, intervalMs);
  return {
    last: () => last,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
