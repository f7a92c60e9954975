import type { Component } from 'svelte';
import type { ScreenEntry } from './screen-entry';
import { whenIdle } from './idle';

/** Every feature folder's `screen.ts`, found at build time: adding a screen is adding a folder. */
const modules = import.meta.glob<{ screen: ScreenEntry }>('../*/screen.ts', { eager: true });

/** The screens of the app, in navigation order. */
export const SCREENS: readonly ScreenEntry[] = Object.values(modules)
  .map((module) => module.screen)
  .sort((a, b) => a.order - b.order);

/** The screen at a route, or the first screen (the default route). */
export function screenAt(path: string): ScreenEntry {
  return SCREENS.find((s) => s.path === path) ?? SCREENS[0];
}

const loaded = new Map<string, Component>();
const loading = new Map<string, Promise<Component>>();

/** The view of a screen once its chunk has loaded (so a second visit renders at once), else undefined. */
export function loadedView(screen: ScreenEntry): Component | undefined {
  return loaded.get(screen.path);
}

/** Fetches a screen's chunk once; every caller gets the same promise. */
export function loadView(screen: ScreenEntry): Promise<Component> {
  let promise = loading.get(screen.path);
  if (!promise) {
    promise = screen.load().then((module) => {
      loaded.set(screen.path, module.default);
      return module.default;
    });
    // A failed fetch (a redeploy, a dropped connection) can be tried again on the next visit.
    promise.catch(() => loading.delete(screen.path));
    loading.set(screen.path, promise);
  }
  return promise;
}

/**
 * Fetch every screen's chunk ahead of its first visit, one at a time when the page is idle, so
 * that evaluating a large chunk (Plot, CodeMirror) never shares a task with the screen on show.
 */
export async function prefetchViews(): Promise<void> {
  for (const screen of SCREENS) {
    await whenIdle(1000);
    await loadView(screen).catch(() => {});
  }
}
