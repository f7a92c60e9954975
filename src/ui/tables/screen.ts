import type { ScreenEntry } from '../shell/screen-entry';

export const screen: ScreenEntry = {
  path: 'tables',
  title: 'Tables',
  order: 4,
  load: () => import('./Tables.svelte'),
};
