import { engineClient } from './engine-client';

// Imported first by main.ts, so it runs before the rest of the page's modules are evaluated: the
// engine worker (and DuckDB's compile) starts as early as the page can start it.
engineClient();
