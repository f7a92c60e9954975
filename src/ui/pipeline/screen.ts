import type { ScreenEntry } from '../shell/screen-entry';

export const screen: ScreenEntry = {
  path: 'pipeline',
  title: 'Pipeline',
  order: 2,
  load: () => import('./PipelineScreen.svelte'),
};
