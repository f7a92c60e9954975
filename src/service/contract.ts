/**
 * The declared contract between the UI thread and the engine worker: the worker's API and the data
 * types that cross the boundary. The API is one namespace per area, each a Comlink-proxied object:
 * `admin` (info, cancel, storage, reset), `lake` (SQL, tables, history, maintenance, the log),
 * `commits` (the commit feed), `console` (kept results), `sources` (ingest, generate, stream),
 * `pipeline` (run, models, runs), `external` (opened tables), `exports` (table files, lakehouse
 * zips) and `debug` (benchmark probes, not used by the UI). The UI imports from `src/service` only through this file (checked
 * by `npm run lint`, see .dependency-cruiser.cjs).
 */
export type { LakehouseService as EngineApi } from './lakehouse-service';
export type { CommitEvent, CommitListener } from './commit-events';
export type { ChangedRow, VersionDiff } from './compare-versions';
export type { ExportFormat, ExportedFile } from './export-service';
export type { PipelineProgress, PipelineProgressCallback, PipelineRunRequest } from './pipeline-service';
export type { LakehouseExport, LakehouseZipSummary } from './share-service';
export type { CatalogTable } from './sql-service';
export type { ConsoleResult, ResultFormat } from './console-service';
export { MAX_WINDOW_ROWS } from './result-window';
export type {
  GenerateSummary,
  SimulateRequest,
  SimulateSummary,
  StreamRequest,
  StreamTick,
} from './sources-service';
export type { OpenInput } from './open-inputs';
