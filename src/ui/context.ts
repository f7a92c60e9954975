import { getContext, setContext } from 'svelte';
import type { EngineClient } from '../engine/client';

/** Services the screens use, handed down through Svelte context (never imported directly). */
export interface LakehouseContext {
  engine: EngineClient;
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
