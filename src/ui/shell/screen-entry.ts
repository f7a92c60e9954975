import type { Component } from 'svelte';

/**
 * What a feature folder's `screen.ts` declares: its route, the name its navigation link shows,
 * its place in the navigation, and how to fetch its view (a dynamic import, so each screen is its
 * own chunk, loaded when it first opens).
 */
export interface ScreenEntry {
  /** The route: the screen shows at `#/<path>`. */
  path: string;
  /** The navigation link's text, which is also its accessible name. */
  title: string;
  /** Place in the navigation, smallest first; the first screen is the default route. */
  order: number;
  load: () => Promise<{ default: Component }>;
}
