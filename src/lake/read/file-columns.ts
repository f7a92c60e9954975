import { Type, type DataType, type Field } from 'apache-arrow';
import { quoteIdent } from '../../engine/sql-quote';
import type { SqlValue } from '../../engine/types';
import type { AddFile } from '../delta/actions';
import { fieldId, physicalName, type ColumnMappingMode } from '../delta/column-mapping';
import { duckType, type SparkField, type SparkType } from '../delta/schema';
import { partitionValueSql } from './partition-values';

/** What the select list of one data file needs to know about its table version. */
export interface FileColumnsSource {
  schema: SparkField[];
  partitionColumns: string[];
  columnMapping: ColumnMappingMode;
}

/** The Arrow metadata key arrow-rs (parquet-wasm) puts a Parquet field id under. */
const PARQUET_FIELD_ID = 'PARQUET:field_id';

/**
 * The select list that turns one staged data file into the table's logical columns, in schema
 * order: columns found by name (no column mapping), physical name (`name` mode) or Parquet field
 * id (`id` mode, by physical name when the file has no ids), nested fields renamed the same way,
 * partition values (keyed by physical name) cast to their types, and NULL for a column the file
 * does not have (added after it was written).
 */
export function fileSelectList(
  source: FileColumnsSource,
  file: AddFile,
  staged: Field[],
): { select: string[]; params: SqlValue[] } {
  const select: string[] = [];
  const params: SqlValue[] = [];
  const mode = source.columnMapping;
  for (const field of source.schema) {
    const type = duckType(field.type);
    if (source.partitionColumns.includes(field.name)) {
      const value = partitionValueOf(file, physicalName(field, mode), field.name);
      const { sql, params: values } = partitionValueSql(field.type, value);
      select.push(sql);
      params.push(...values);
      continue;
    }
    const column = findField(staged, field, mode);
    if (!column) select.push(`CAST(NULL AS ${type})`);
    else if (needsRemap(field.type, column.type, mode))
      select.push(remap(quoteIdent(column.name), field.type, column.type, mode, 0));
    else select.push(quoteIdent(column.name));
  }
  return { select, params };
}

function partitionValueOf(file: AddFile, physical: string, logical: string): string | null {
  const values = file.partitionValues ?? {};
  if (physical in values) return values[physical] ?? null;
  return values[logical] ?? null;
}

/**
 * The file's field for a schema field: by Parquet field id in `id` mode (a file without ids is
 * refused, as the protocol allows, rather than read as all NULL), by physical name in `name`
 * mode, by name (exact, else ignoring case) without column mapping.
 */
function findField(fields: Field[], field: SparkField, mode: ColumnMappingMode): Field | undefined {
  if (mode === 'id') {
    if (fields.length > 0 && !fields.some((f) => idOf(f) !== null)) throw new MissingFieldIds();
    const id = fieldId(field);
    return id === null ? undefined : fields.find((f) => idOf(f) === id);
  }
  const name = physicalName(field, mode);
  const exact = fields.find((f) => f.name === name);
  if (exact || mode !== 'none') return exact;
  return fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

/** A data file of an `id`-mode table without Parquet field ids. */
export class MissingFieldIds extends Error {}

function idOf(field: Field): number | null {
  const text = field.metadata?.get(PARQUET_FIELD_ID);
  return text === undefined ? null : Number(text);
}

/** Nested values need renaming when the file names their fields differently from the schema. */
function needsRemap(type: SparkType, arrow: DataType, mode: ColumnMappingMode): boolean {
  if (typeof type === 'string') return false;
  if (mode !== 'none') return true;
  if (type.type === 'struct') {
    const children = arrow.typeId === Type.Struct ? (arrow.children as Field[]) : [];
    return (
      children.length !== type.fields.length ||
      type.fields.some((f, i) => children[i]?.name !== f.name || needsRemap(f.type, children[i].type, mode))
    );
  }
  if (type.type === 'array') {
    const element = (arrow.children?.[0] as Field | undefined)?.type;
    return element ? needsRemap(type.elementType, element, mode) : false;
  }
  const entries = ((arrow.children?.[0] as Field | undefined)?.type.children ?? []) as Field[];
  return entries.length === 2
    ? needsRemap(type.keyType, entries[0].type, mode) || needsRemap(type.valueType, entries[1].type, mode)
    : false;
}

/** SQL that rebuilds a nested value of the file with the schema's (logical) field names and types. */
function remap(
  expr: string,
  type: SparkType,
  arrow: DataType,
  mode: ColumnMappingMode,
  depth: number,
): string {
  if (typeof type === 'string') return `CAST(${expr} AS ${duckType(type)})`;
  const v = `v${depth}`;
  if (type.type === 'struct') {
    const children = arrow.typeId === Type.Struct ? (arrow.children as Field[]) : [];
    const parts = type.fields.map((child) => {
      const found = findField(children, child, mode);
      const value = found
        ? remap(`(${expr}).${quoteIdent(found.name)}`, child.type, found.type, mode, depth + 1)
        : `CAST(NULL AS ${duckType(child.type)})`;
      return `${quoteIdent(child.name)} := ${value}`;
    });
    return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${parts.join(', ')}) END`;
  }
  if (type.type === 'array') {
    const element = (arrow.children[0] as Field).type;
    return `list_transform(${expr}, lambda ${v}: ${remap(v, type.elementType, element, mode, depth + 1)})`;
  }
  const [key, value] = (arrow.children[0] as Field).type.children as Field[];
  const entry = `struct_pack(key := ${remap(`${v}.key`, type.keyType, key.type, mode, depth + 1)}, value := ${remap(`${v}.value`, type.valueType, value.type, mode, depth + 1)})`;
  return `map_from_entries(list_transform(map_entries(${expr}), lambda ${v}: ${entry}))`;
}
