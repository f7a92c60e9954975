import * as Comlink from 'comlink';
import type { GeneratorApi } from '../../workers/generator.worker';
import type { SimulatorApi } from '../../workers/simulator.worker';

/** A worker and its typed API; terminate() stops it at once (how a generation is cancelled). */
export interface SpawnedWorker<T> {
  api: Comlink.Remote<T>;
  terminate(): void;
}

/** Start the Olist generator in its own worker. */
export function spawnGenerator(): SpawnedWorker<GeneratorApi> {
  const worker = new Worker(new URL('../../workers/generator.worker.ts', import.meta.url), {
    type: 'module',
    name: 'olist-generator',
  });
  return { api: Comlink.wrap<GeneratorApi>(worker), terminate: () => worker.terminate() };
}

/** Start the clickstream simulator in its own worker. */
export function spawnSimulator(): SpawnedWorker<SimulatorApi> {
  const worker = new Worker(new URL('../../workers/simulator.worker.ts', import.meta.url), {
    type: 'module',
    name: 'clickstream-simulator',
  });
  return { api: Comlink.wrap<SimulatorApi>(worker), terminate: () => worker.terminate() };
}
