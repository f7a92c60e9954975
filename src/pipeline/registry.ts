import { modelsFromFiles, type ModelContract } from './model-files';
import type { ModelDefinition } from './types';

// Every model is a `.sql` file and its contract beside it, found by Vite (the app, its worker, the
// unit tests and the command line all load this module through Vite): adding a model touches no list.
const sqlByPath = import.meta.glob<string>('./{silver,gold}/*.sql', {
  eager: true,
  query: '?raw',
  import: 'default',
});
const contractByPath = import.meta.glob<ModelContract>(['./{silver,gold}/*.ts', '!./**/*.fixture.ts'], {
  eager: true,
  import: 'default',
});

/** Every model of the pipeline, Silver then Gold, by name (the runner orders them by their inputs). */
export const MODELS: readonly ModelDefinition[] = modelsFromFiles(sqlByPath, contractByPath);
