import { decodeLogPath, type AddFile } from '../delta/actions';
import { columnMappingMode, physicalName } from '../delta/column-mapping';
import { typeText } from '../delta/schema';
import type { Snapshot } from '../delta/snapshot';
import { recordsOf, statsOf } from '../delta/stats';
import type { DataFileInfo, TableSummary, VersionDetail } from '../lake-api';
import type { TableName } from '../names';
import { formatCommitTime } from '../time';

/** The layer of tables opened from files: read-only until imported into the lakehouse. */
export const EXTERNAL_LAYER = 'external';

/**
 * One live file as the table browser shows it: partition values and stats under the schema's
 * (logical) column names, whatever names the log keeps them under (column mapping).
 */
export function fileInfoOf(snapshot: Snapshot, add: AddFile): DataFileInfo {
  const mode = columnMappingMode(snapshot.protocol, snapshot.metadata);
  const byPhysical = new Map(snapshot.schema.map((f) => [physicalName(f, mode), f.name]));
  const logical = (values: Record<string, unknown> | null | undefined) =>
    Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [byPhysical.get(k) ?? k, v]));
  const stats = statsOf(add);
  return {
    path: decodeLogPath(add.path),
    size: add.size,
    numRecords: recordsOf(add),
    deletedRows: Number(add.deletionVector?.cardinality ?? 0),
    partitionValues: logical(add.partitionValues) as Record<string, string | null>,
    stats: stats
      ? {
          minValues: logical(stats.minValues),
          maxValues: logical(stats.maxValues),
          nullCount: logical(stats.nullCount),
        }
      : null,
  };
}

/** A version's protocol, schema and settings. */
export function versionDetailOf(table: string, snapshot: Snapshot): VersionDetail {
  const { protocol, metadata } = snapshot;
  return {
    table,
    version: snapshot.version,
    timestamp: formatCommitTime(snapshot.timestamp),
    minReaderVersion: protocol.minReaderVersion,
    minWriterVersion: protocol.minWriterVersion,
    readerFeatures: protocol.readerFeatures ?? null,
    writerFeatures: protocol.writerFeatures ?? null,
    columns: snapshot.schema.map((f) => ({ name: f.name, type: typeText(f.type), nullable: f.nullable })),
    partitionColumns: metadata.partitionColumns,
    configuration: metadata.configuration ?? {},
    columnMapping: columnMappingMode(protocol, metadata),
    metadataId: metadata.id,
  };
}

/** The table browser's line for a table at its latest version. */
export function summaryOf(table: TableName, snapshot: Snapshot): TableSummary {
  const live = [...snapshot.files.values()];
  const counts = live.map(recordsOf);
  return {
    name: table.full,
    layer: table.layer,
    version: snapshot.version,
    numFiles: live.length,
    sizeBytes: live.reduce((sum, f) => sum + f.size, 0),
    numRecords: counts.every((c) => c !== null) ? counts.reduce((a, b) => a! + b!, 0) : null,
    partitionColumns: snapshot.metadata.partitionColumns,
    lastModified: formatCommitTime(snapshot.timestamp),
    minReaderVersion: snapshot.protocol.minReaderVersion,
    minWriterVersion: snapshot.protocol.minWriterVersion,
    readerFeatures: snapshot.protocol.readerFeatures ?? null,
    writerFeatures: snapshot.protocol.writerFeatures ?? null,
    readOnly: table.layer === EXTERNAL_LAYER,
  };
}
