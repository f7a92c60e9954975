// What the benchmark reads from the page between steps: bytes in OPFS by folder, the landed files'
// SHA-256, the worker's WebAssembly memory, and the main thread's long tasks and JS heap samples.
import { causeOfTask } from './long-task-cause.mjs';

/** Bytes in the app's OPFS folder, by area: `landing`, `tables/bronze`, `tables/silver`, … */
export function opfsBytes(page) {
  return page.evaluate(async () => {
    const totals = {};
    const walk = async (dir, path) => {
      for await (const [name, handle] of dir.entries()) {
        const full = path ? `${path}/${name}` : name;
        if (handle.kind === 'directory') await walk(handle, full);
        else {
          const parts = full.split('/');
          const area = parts[0] === 'tables' ? parts.slice(0, 2).join('/') : parts[0];
          totals[area] = (totals[area] ?? 0) + (await handle.getFile()).size;
        }
      }
    };
    const root = await navigator.storage.getDirectory();
    try {
      await walk(await root.getDirectoryHandle('lakehouse'), '');
    } catch (error) {
      if (error.name !== 'NotFoundError') throw error;
    }
    return totals;
  });
}

/** SHA-256 (hex) of every landed Olist file and event batch, by landing path. */
export function hashLanded(page) {
  return page.evaluate(async () => {
    const hashes = {};
    const root = await navigator.storage.getDirectory();
    for (const folder of ['landing/olist', 'landing/events']) {
      let dir = await root.getDirectoryHandle('lakehouse');
      try {
        for (const part of folder.split('/')) dir = await dir.getDirectoryHandle(part);
      } catch {
        continue;
      }
      for await (const [name, handle] of dir.entries()) {
        if (handle.kind !== 'file' || name.includes('.tmp-write')) continue;
        const bytes = await (await handle.getFile()).arrayBuffer();
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
        hashes[`${folder}/${name}`] = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
      }
    }
    return hashes;
  });
}

/** DuckDB's and parquet-wasm's WebAssembly memory in the engine worker (only ever grows). */
export function wasmMemory(page) {
  return page.evaluate(() => window.lakehouse.engine.debug.wasmMemory());
}

/** Long tasks, their animation frames and heap samples the init script has collected since `from` (epoch ms). */
export function mainThreadSince(page, from) {
  return page.evaluate(async (since) => {
    const bench = window.__bench;
    // Let the frame of the last long task end, then take the frames not yet told to the observer.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)));
    bench.takeFrames();
    return {
      longTasks: bench.longTasks.filter((t) => t.at >= since),
      frames: bench.frames.filter((f) => f.at + f.ms >= since),
      heap: bench.heap.filter((h) => h.at >= since),
    };
  }, from);
}

/**
 * The count and the longest of the long tasks that started between `from` and `to`, and what the
 * longest was (`causeOfTask`).
 */
export function longTasksBetween(longTasks, frames, from, to) {
  const inside = longTasks.filter((t) => t.at >= from && t.at <= to);
  const longest = inside.reduce((max, t) => (max && max.ms >= t.ms ? max : t), null);
  return {
    count: inside.length,
    longestMs: longest?.ms ?? 0,
    ...(longest ? { longestCause: causeOfTask(longest, frames) } : {}),
  };
}
