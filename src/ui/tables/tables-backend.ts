import type { QueryResult } from '../../engine/types';
import type { TableProfile } from '../../lake/read/column-profile';
import type { ExportFormat, ExportedFile, VersionDiff } from '../../service/contract';
import type {
  CommitResult,
  DataFileInfo,
  HistoryEntry,
  TableSummary,
  VacuumResult,
} from '../../lake/lake-api';

/** What the table browser needs from the engine worker. */
export interface TablesBackend {
  listTables(): Promise<TableSummary[]>;
  history(table: string): Promise<HistoryEntry[]>;
  files(table: string, version: number): Promise<DataFileInfo[]>;
  preview(table: string, version: number): Promise<QueryResult>;
  restore(table: string, version: number): Promise<CommitResult>;
  optimize(table: string, zorderBy: string[]): Promise<CommitResult>;
  vacuum(table: string, retainHours: number, dryRun: boolean): Promise<VacuumResult>;
  exportTable(table: string, format: ExportFormat, version: number): Promise<ExportedFile>;
  /** A version's columns, types and Delta column statistics. */
  profile(table: string, version: number): Promise<TableProfile>;
  /** Rows added, removed and changed (by `key`) from one version to another. */
  compare(table: string, from: number, to: number, key: string[] | null): Promise<VersionDiff>;
  /** The key rows of a pipeline table are identified by (null for other tables). */
  keyOf(table: string): Promise<string[] | null>;
}
