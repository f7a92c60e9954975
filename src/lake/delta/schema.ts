import { Type, type DataType, type Field, type Schema } from 'apache-arrow';
import { LakehouseError } from '../../engine/errors';
import { quoteIdent } from '../../engine/sql-quote';
import { errorMessage } from '../../engine/error-message';

/** A Spark SQL data type as Delta's `schemaString` spells it. */
export type SparkType = string | SparkStruct | SparkArray | SparkMap;

/** One column (or struct field) of a Delta schema. */
export interface SparkField {
  name: string;
  type: SparkType;
  nullable: boolean;
  metadata: Record<string, unknown>;
}

/** A struct type: the table schema itself is one. */
export interface SparkStruct {
  type: 'struct';
  fields: SparkField[];
}

/** An array type. */
export interface SparkArray {
  type: 'array';
  elementType: SparkType;
  containsNull: boolean;
}

/** A map type. */
export interface SparkMap {
  type: 'map';
  keyType: SparkType;
  valueType: SparkType;
  valueContainsNull: boolean;
}

const PRIMITIVE_TO_DUCK: Record<string, string> = {
  string: 'VARCHAR',
  long: 'BIGINT',
  integer: 'INTEGER',
  short: 'SMALLINT',
  byte: 'TINYINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  binary: 'BLOB',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  timestamp_ntz: 'TIMESTAMP',
  // Spark's NullType: a column of nulls only, never in data files (PROTOCOL.md "Void Type").
  void: 'VARCHAR',
};

/**
 * Parse a metaData.schemaString into its top-level fields; none when the metaData has no schema
 * yet (Delta Live Tables writes its first commit without one).
 */
export function parseSchema(schemaString: string | null | undefined): SparkField[] {
  if (schemaString === null || schemaString === undefined || schemaString === '') return [];
  let parsed: SparkStruct;
  try {
    parsed = JSON.parse(schemaString) as SparkStruct;
  } catch (error) {
    throw new LakehouseError(
      'CorruptLog',
      `The table's schema (metaData.schemaString) is not JSON: ${errorMessage(error)}`,
    );
  }
  if (!Array.isArray(parsed?.fields))
    throw new LakehouseError('CorruptLog', "The table's schema (metaData.schemaString) is not a struct type");
  return parsed.fields;
}

/** Serialise top-level fields as a schemaString. */
export function toSchemaString(fields: SparkField[]): string {
  return JSON.stringify({ type: 'struct', fields });
}

/** The DuckDB type a Spark type is loaded as. */
export function duckType(type: SparkType): string {
  if (typeof type === 'string') {
    const primitive = PRIMITIVE_TO_DUCK[type];
    if (primitive) return primitive;
    const decimal = /^decimal\((\d+),\s*(\d+)\)$/.exec(type);
    if (decimal) return `DECIMAL(${decimal[1]},${decimal[2]})`;
    throw new LakehouseError('UnsupportedType', `The Delta type "${type}" is not supported by this reader`, {
      type,
    });
  }
  switch (type.type) {
    case 'struct':
      return `STRUCT(${type.fields.map((f) => `${quoteIdent(f.name)} ${duckType(f.type)}`).join(', ')})`;
    case 'array':
      return `${duckType(type.elementType)}[]`;
    case 'map':
      return `MAP(${duckType(type.keyType)}, ${duckType(type.valueType)})`;
  }
}

/** The Spark type a column of a DuckDB result (seen through Arrow) is stored as. */
export function sparkTypeOfArrow(type: DataType): SparkType {
  switch (type.typeId) {
    case Type.Int: {
      const { bitWidth, isSigned } = type as unknown as { bitWidth: number; isSigned: boolean };
      if (!isSigned) return bitWidth === 64 ? 'decimal(20,0)' : widerSigned(bitWidth);
      return { 8: 'byte', 16: 'short', 32: 'integer', 64: 'long' }[bitWidth] ?? 'long';
    }
    case Type.Float:
      return (type as unknown as { precision: number }).precision === 2 ? 'double' : 'float';
    case Type.Decimal: {
      const { precision, scale } = type as unknown as { precision: number; scale: number };
      return `decimal(${Math.min(precision, 38)},${scale})`;
    }
    case Type.Bool:
      return 'boolean';
    case Type.Binary:
    case Type.LargeBinary:
    case Type.FixedSizeBinary:
      return 'binary';
    case Type.Date:
      return 'date';
    case Type.Timestamp:
      return 'timestamp';
    case Type.Dictionary:
      return sparkTypeOfArrow((type as unknown as { dictionary: DataType }).dictionary);
    case Type.Struct:
      return { type: 'struct', fields: type.children.map(sparkFieldOfArrow) };
    case Type.List:
    case Type.FixedSizeList: {
      const child = type.children[0] as Field;
      return { type: 'array', elementType: sparkTypeOfArrow(child.type), containsNull: true };
    }
    case Type.Map: {
      const entries = (type.children[0] as Field).type.children as Field[];
      return {
        type: 'map',
        keyType: sparkTypeOfArrow(entries[0].type),
        valueType: sparkTypeOfArrow(entries[1].type),
        valueContainsNull: true,
      };
    }
    default:
      // Strings, and types Spark has no equal for (TIME, INTERVAL, NULL, UUID): stored as text.
      return 'string';
  }
}

function widerSigned(bitWidth: number): string {
  return bitWidth === 8 ? 'short' : bitWidth === 16 ? 'integer' : 'long';
}

/** A Delta field for an Arrow field (every column nullable, as Spark writes them). */
export function sparkFieldOfArrow(field: Field): SparkField {
  return { name: field.name, type: sparkTypeOfArrow(field.type), nullable: true, metadata: {} };
}

/** The Delta schema of a DuckDB result's Arrow schema. */
export function sparkSchemaOfArrow(schema: Schema): SparkField[] {
  return schema.fields.map(sparkFieldOfArrow);
}

/** True for types whose min and max go into file statistics (and so allow data skipping). */
export function hasMinMax(type: SparkType): boolean {
  if (typeof type !== 'string') return false;
  return type !== 'boolean' && type !== 'binary';
}

/** True when two schemas have the same column names and types in the same order. */
export function sameSchema(a: SparkField[], b: SparkField[]): boolean {
  return (
    a.length === b.length &&
    a.every((f, i) => f.name === b[i].name && JSON.stringify(f.type) === JSON.stringify(b[i].type))
  );
}

/** Render a type for messages: `decimal(18,2)`, `array<string>`, `struct<…>`. */
export function typeText(type: SparkType): string {
  if (typeof type === 'string') return type;
  if (type.type === 'array') return `array<${typeText(type.elementType)}>`;
  if (type.type === 'map') return `map<${typeText(type.keyType)},${typeText(type.valueType)}>`;
  return `struct<${type.fields.map((f) => `${f.name}:${typeText(f.type)}`).join(',')}>`;
}
