import type { ScreenEntry } from '../shell/screen-entry';

export const screen: ScreenEntry = {
  path: 'sources',
  title: 'Sources',
  order: 1,
  load: () => import('./SourcesScreen.svelte'),
};
