import { createConsoleService } from './console-service';
import { createCoreService } from './core-service';
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

/**
 * Everything the UI thread may ask of the engine worker, composed from one service per area
 * (core, lake, sources, pipeline). Each call runs alone (SerialQueue), so two screens never
 * interleave statements on the one DuckDB connection.
 */
export function createLakehouseService(boot: Promise<ServiceDeps>, bootStarted: number) {
  const queue = new SerialQueue();
  const commits = new CommitEvents(() => queue.interactiveCount);
  const ready = boot.then(async (deps) => {
    deps.lake.onCommit((event) => commits.publish(event));
    // A tab closed in the middle of an import's swap left a mixed lakehouse: finish or undo it first.
    await recoverInterruptedImport(deps);
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
    await sources.cancelSources();
    await sources.stopEventStream();
  };
  const consoleResults = createConsoleService(withDeps);
  return {
    ...createCoreService(ready, withDeps),
    ...createLakeService(withDeps),
    ...createPipelineService(withDeps, (deps) => deps.lake, betweenModels),
    ...createCommitService(withDeps, commits),
    ...createTablesService(withDeps),
    ...createSqlService(withDeps),
    ...consoleResults,
    ...createExportService(withDeps),
    ...createExternalService(withDeps),
    ...sources,
    ...createResetService(withDeps, stopSources, () => consoleResults.clearResults()),
    ...createShareService(withDeps, stopSources),
  };
}

/** The engine worker's API as the UI sees it through Comlink. */
export type LakehouseService = ReturnType<typeof createLakehouseService>;
