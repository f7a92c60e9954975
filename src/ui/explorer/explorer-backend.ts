import type { EngineClient } from '../engine-client';
import type {
  CommitActions,
  FileHistory,
  SkippingPlan,
  TimelineEntry,
} from '../../lake/explore/explore-types';

/** What the transaction-log explorer needs from the engine worker. */
export interface ExplorerBackend {
  tableNames(): Promise<string[]>;
  timeline(table: string): Promise<TimelineEntry[]>;
  commitActions(table: string, version: number): Promise<CommitActions>;
  fileHistory(table: string): Promise<FileHistory>;
  explainScan(table: string, predicate: string, version: number): Promise<SkippingPlan>;
}

/** The explorer's calls over the engine worker's lake service. */
export function createExplorerBackend(engine: EngineClient): ExplorerBackend {
  return {
    tableNames: async () => (await engine.lake.listTables()).map((t) => t.name),
    timeline: (table) => engine.lake.timeline(table),
    commitActions: (table, version) => engine.lake.commitActions(table, version),
    fileHistory: (table) => engine.lake.fileHistory(table),
    explainScan: (table, predicate, version) => engine.lake.explainScan(table, predicate, version),
  };
}
