import { decodeLogPath, type AddFile } from '../delta/actions';
import { physicalName, type ColumnMappingMode } from '../delta/column-mapping';
import type { SparkField } from '../delta/schema';
import { statsOf } from '../delta/stats';
import type { FileHistory, FileRecord } from './explore-types';
import { baseFiles, commitsAfterBase, type ReadLog } from './log-commits';

/**
 * Every data file the log knows, with the spans of versions it was live in, replayed from the base
 * (or version 0). `present` is whether storage still holds the file (paths relative to the table
 * folder, decoded).
 */
export function fileHistoryOf(
  table: string,
  read: ReadLog,
  schema: SparkField[],
  partitionColumns: string[],
  present: Set<string>,
  columnMapping: ColumnMappingMode = 'none',
): FileHistory {
  const records = new Map<string, FileRecord>();
  // Under column mapping the log keys partition values and stats by physical name.
  const byPhysical = new Map(schema.map((f) => [physicalName(f, columnMapping), f.name]));
  const logical = <T>(values: Record<string, T> | undefined | null): Record<string, T> =>
    Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [byPhysical.get(k) ?? k, v]));
  const open = (add: AddFile, from: number | null) => {
    const record = records.get(add.path);
    if (record?.live.some((span) => span.to === null)) return; // re-added while live: no new span
    const stats = statsOf(add);
    const next: FileRecord = record ?? {
      path: decodeLogPath(add.path),
      size: add.size,
      numRecords: stats?.numRecords ?? null,
      partitionValues: logical(add.partitionValues),
      minValues: logical(topLevel(stats?.minValues)),
      maxValues: logical(topLevel(stats?.maxValues)),
      nullCount: logical(topLevel(stats?.nullCount)),
      live: [],
      present: false,
    };
    next.live.push({ from, to: null });
    records.set(add.path, next);
  };
  for (const add of baseFiles(read).values()) open(add, null);
  // Commits the base already holds still say when their files came in.
  for (const commit of read.commits.filter((c) => read.base && c.version <= read.base.version)) {
    for (const add of commit.adds) {
      const span = records.get(add.path)?.live[0];
      if (span && span.to === null) span.from = commit.version;
    }
  }
  for (const commit of commitsAfterBase(read)) {
    for (const remove of commit.removes) {
      const span = records.get(remove.path)?.live.find((s) => s.to === null);
      if (span) span.to = commit.version;
    }
    for (const add of commit.adds) open(add, commit.version);
  }
  const files = [...records.values()];
  for (const file of files) file.present = present.has(file.path);
  return {
    table,
    latestVersion: read.listing.versions.at(-1) ?? -1,
    columns: schema.map((f) => ({ name: f.name, type: typeof f.type === 'string' ? f.type : f.type.type })),
    partitionColumns,
    files,
  };
}

/** Whether a file was live at a version. */
export function liveAt(file: FileRecord, version: number): boolean {
  return file.live.some((s) => (s.from === null || s.from <= version) && (s.to === null || version < s.to));
}

/** Stats of nested columns are nested objects; the explorer draws top-level columns only. */
function topLevel(values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values ?? {}))
    if (value === null || typeof value !== 'object') out[key] = value;
  return out;
}
