import type { Metadata, Protocol } from './actions';
import { readerFeaturesOf } from './features';
import type { SparkField } from './schema';

/** How the columns of a table's data files are named (PROTOCOL.md "Column Mapping"). */
export type ColumnMappingMode = 'none' | 'name' | 'id';

const PHYSICAL_NAME = 'delta.columnMapping.physicalName';
const FIELD_ID = 'delta.columnMapping.id';

/**
 * The column mapping mode of a table version: `delta.columnMapping.mode`, honoured only when the
 * protocol supports column mapping (reader 2, or reader 3 with the `columnMapping` feature).
 */
export function columnMappingMode(protocol: Protocol, metadata: Metadata): ColumnMappingMode {
  if (!readerFeaturesOf(protocol).includes('columnMapping')) return 'none';
  const mode = metadata.configuration?.['delta.columnMapping.mode'];
  return mode === 'name' || mode === 'id' ? mode : 'none';
}

/** The name a field has in data files, partition values and stats. */
export function physicalName(field: SparkField, mode: ColumnMappingMode): string {
  if (mode === 'none') return field.name;
  const physical = field.metadata?.[PHYSICAL_NAME];
  return typeof physical === 'string' && physical.length > 0 ? physical : field.name;
}

/** The Parquet field id of a field in `id` mode, or null when it has none. */
export function fieldId(field: SparkField): number | null {
  const id = field.metadata?.[FIELD_ID];
  return typeof id === 'number' && Number.isInteger(id) ? id : null;
}

/** Physical name by logical name, for the top-level columns (partition values and stats use it). */
export function physicalNames(schema: SparkField[], mode: ColumnMappingMode): Map<string, string> {
  return new Map(schema.map((field) => [field.name, physicalName(field, mode)]));
}
