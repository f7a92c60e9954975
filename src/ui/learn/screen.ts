import type { ScreenEntry } from '../shell/screen-entry';

export const screen: ScreenEntry = {
  path: 'learn',
  title: 'Learn',
  order: 7,
  load: () => import('./Learn.svelte'),
};
