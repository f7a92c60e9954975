import type { StorageUsage } from '../lake/storage/types';
import type { ServiceDeps, WithDeps } from './service-deps';

/** Facts about the running engine, shown in the status bar. */
export interface EngineInfo {
  duckdbVersion: string;
  bootMs: number;
}

/** The engine itself: readiness, cancelling the running statement, storage usage (reset: reset-service). */
export function createAdminService(
  ready: Promise<{ deps: ServiceDeps; bootMs: number }>,
  withDeps: WithDeps,
) {
  return {
    /** Resolves when DuckDB and parquet-wasm are loaded. */
    async info(): Promise<EngineInfo> {
      const { deps, bootMs } = await ready;
      return { duckdbVersion: deps.engine.version(), bootMs };
    },

    /** Stop the statement running now (not queued: it must overtake the call it cancels). */
    async cancelQuery(): Promise<void> {
      (await ready).deps.engine.cancel();
    },

    /** Space used and granted to this origin. */
    storageUsage(): Promise<StorageUsage> {
      return withDeps(({ storage }) => storage.usage());
    },
  };
}
