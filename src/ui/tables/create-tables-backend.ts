import type { EngineApi } from '../../service/contract';
import { quoteQualified } from '../../engine/sql-quote';
import type { ModelDefinition } from '../../pipeline/types';
import { keyOfModel } from './table-key';
import type { TablesBackend } from './tables-backend';

/** Rows the preview tab shows. */
const PREVIEW_ROWS = 200;

/** The engine calls the table browser makes (narrow, so a test can hand it the service itself). */
export interface TablesEngine {
  lake: Pick<
    EngineApi['lake'],
    | 'listTables'
    | 'history'
    | 'files'
    | 'sql'
    | 'restore'
    | 'optimize'
    | 'vacuum'
    | 'profile'
    | 'compareVersions'
  >;
  exports: Pick<EngineApi['exports'], 'table'>;
  pipeline: Pick<EngineApi['pipeline'], 'models'>;
}

/** The table browser's calls, over the engine worker's lake and export services. */
export function createTablesBackend(engine: TablesEngine): TablesBackend {
  let models: Promise<ModelDefinition[]> | null = null;
  return {
    listTables: () => engine.lake.listTables(),
    history: (table) => engine.lake.history(table),
    files: (table, version) => engine.lake.files(table, version),
    // The console's own time-travel syntax; a version number is an integer, never user text.
    preview: (table, version) =>
      engine.lake.sql(
        `select * from ${quoteQualified(table)} version as of ${Math.trunc(version)}`,
        PREVIEW_ROWS,
      ),
    restore: (table, version) => engine.lake.restore(table, version),
    optimize: (table, zorderBy) => engine.lake.optimize(table, zorderBy),
    vacuum: (table, retainHours, dryRun) => engine.lake.vacuum(table, retainHours, dryRun),
    exportTable: (table, format, version) => engine.exports.table(table, format, version),
    profile: (table, version) => engine.lake.profile(table, version),
    compare: (table, from, to, key) =>
      engine.lake.compareVersions({ table, from, to, key: key ?? undefined }),
    keyOf: async (table) => {
      models ??= engine.pipeline.models();
      const model = (await models).find((m) => m.name === table);
      return model ? keyOfModel(model) : null;
    },
  };
}
