import { createConsoleService } from './console-service';
import * as Comlink from 'comlink';
import { createAdminService } from './admin-service';
import { createDebugService } from './debug-service';
import { createExportService } from './export-service';
import { createExternalService } from './external-service';
import { createLakeService } from './lake-service';
import { createPipelineService } from './pipeline-service';
import { createResetService } from './reset-service';
import { createShareService, recoverInterruptedImport } from './share-service';
import { createCommitService } from './commit-service';
import { CommitEvents } from './commit-events';
import { createSourcesService } from './sources-service';
import { createSqlService } from './sql-service';
import { createTablesService } from './tables-service';
import { SerialQueue } from './serial-queue';
import type { ServiceDeps, WithDeps } from './service-deps';
import { BootStages } from '../engine/boot-stages';

/**
 * Everything the UI thread may ask of the engine worker, one namespace per area (admin, lake,
 * commits, console, sources, pipeline, external, exports, debug). Each call runs alone (SerialQueue), so two screens never
 * interleave statements on the one DuckDB connection.
 */
export function createLakehouseService(
  boot: Promise<ServiceDeps>,
  bootStarted: number,
  stages = new BootStages(),
) {
  const queue = new SerialQueue();
  const commits = new CommitEvents(() => queue.interactiveCount);
  const ready = boot.then(async (deps) => {
    deps.lake.onCommit((event) => commits.publish(event));
    // A tab closed in the middle of an import's swap left a mixed lakehouse: finish or undo it first.
    await stages.time('recover an interrupted import', () => recoverInterruptedImport(deps));
    return { deps, bootMs: performance.now() - bootStarted };
  });
  const withDeps: WithDeps = (job, options) =>
    queue.run(async () => {
      const { deps } = await ready;
      return deps.engine.withinRequest(() => job(deps));
    }, options);
  /** Between two models: let the listeners answer the commits so far, then run what they asked for. */
  const betweenModels = async () => {
    await queue.openSlot(await commits.settle());
  };

  const sources = createSourcesService(withDeps);
  const stopSources = async () => {
    await sources.cancel();
    await sources.stopEventStream();
  };
  const consoleResults = createConsoleService(withDeps);
  const share = createShareService(withDeps, stopSources);
  // Each area is its own namespace; Comlink.proxy marks it so the UI side reaches its methods
  // through the one worker endpoint (`engine.lake.history(…)`), typed as remote calls.
  return {
    admin: Comlink.proxy({
      ...createAdminService(ready, withDeps),
      ...createResetService(withDeps, stopSources, () => consoleResults.clear()),
    }),
    lake: Comlink.proxy({
      ...createLakeService(withDeps),
      ...createTablesService(withDeps),
      ...createSqlService(withDeps),
    }),
    commits: Comlink.proxy(createCommitService(withDeps, commits)),
    console: Comlink.proxy(consoleResults),
    sources: Comlink.proxy(sources),
    pipeline: Comlink.proxy(createPipelineService(withDeps, (deps) => deps.lake, betweenModels)),
    external: Comlink.proxy(createExternalService(withDeps)),
    exports: Comlink.proxy({ ...createExportService(withDeps), ...share }),
    debug: Comlink.proxy(createDebugService(ready, withDeps, stages)),
  };
}

/** The engine worker's API as the UI sees it through Comlink. */
export type LakehouseService = ReturnType<typeof createLakehouseService>;
