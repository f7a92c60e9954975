import type { ScreenEntry } from '../shell/screen-entry';

export const screen: ScreenEntry = {
  path: 'sql',
  title: 'SQL',
  order: 6,
  load: () => import('./SqlConsole.svelte'),
};
