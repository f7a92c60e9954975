import type { ScreenEntry } from '../shell/screen-entry';

export const screen: ScreenEntry = {
  path: 'log',
  title: 'Log',
  order: 8,
  load: () => import('./LogExplorer.svelte'),
};
