import { getContext, setContext } from 'svelte';
import type { EngineClient } from './engine-client';
import type { DashboardModel } from './dashboard/DashboardModel.svelte';
import type { QueryCoordinator } from './query/coordinator';

/** Services the screens use, handed down through Svelte context (never imported directly). */
export interface LakehouseContext {
  engine: EngineClient;
  /** Runs the screens' read queries: priorities, stale requests dropped, a cache by table version. */
  queries: QueryCoordinator;
  /** The Dashboard's rows, kept while another screen shows (Run demo fills them as Gold lands). */
  dashboard: DashboardModel;
}

const KEY = Symbol('lakehouse');

export function setLakehouse(context: LakehouseContext): void {
  setContext(KEY, context);
}

export function getLakehouse(): LakehouseContext {
  const context = getContext<LakehouseContext | undefined>(KEY);
  if (!context) throw new Error('getLakehouse() called outside <App>');
  return context;
}
