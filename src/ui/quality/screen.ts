import type { ScreenEntry } from '../shell/screen-entry';

export const screen: ScreenEntry = {
  path: 'quality',
  title: 'Quality',
  order: 5,
  load: () => import('./Quality.svelte'),
};
