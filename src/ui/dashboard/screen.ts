import type { ScreenEntry } from '../shell/screen-entry';

export const screen: ScreenEntry = {
  path: 'dashboard',
  title: 'Dashboard',
  order: 3,
  load: () => import('./Dashboard.svelte'),
};
