import type { WithDeps } from './service-deps';
import { dropSessionTables } from './session-tables';

/** Emptying the lakehouse: every table, every landing file, every DuckDB schema of ours. */
export function createResetService(
  withDeps: WithDeps,
  stopSources: () => Promise<unknown>,
  forgetResults: () => Promise<void> = async () => {},
) {
  return {
    /**
     * Delete every table (with its history), the landing zone and the checkpoints, drop the layer
     * schemas from DuckDB and forget the console's kept results. A running event stream is stopped
     * first. The deletion holds the lake's lock exclusively (`Lake.exclusively`): it waits for
     * writes in flight in other tabs and no write starts in the middle of it.
     */
    async reset(): Promise<void> {
      await stopSources();
      await withDeps(async ({ lake, storage, engine }) => {
        await lake.exclusively(() => storage.deleteFolder(''));
        await dropSessionTables(engine);
      });
      // The console's kept results were read from tables that are gone.
      await forgetResults();
    },
  };
}
