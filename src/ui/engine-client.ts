import * as Comlink from 'comlink';
import type { EngineApi } from '../service/contract';
import { installErrorTransfer } from '../engine/comlink-errors';

/** The engine worker, seen from the UI thread: every call is async and crosses to the worker. */
export type EngineClient = Comlink.Remote<EngineApi>;

let client: EngineClient | null = null;

/** Start the engine worker once and return its typed API. */
export function engineClient(): EngineClient {
  if (!client) {
    installErrorTransfer();
    const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'engine',
    });
    client = Comlink.wrap<EngineApi>(worker);
  }
  return client;
}
