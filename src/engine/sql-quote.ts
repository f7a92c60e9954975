/** Quote one SQL identifier (a table, schema or column name) for DuckDB. */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new Error('An empty name cannot be a SQL identifier');
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quote a dotted name such as `silver.orders` part by part. */
export function quoteQualified(name: string): string {
  return name
    .split('.')
    .map((part) => quoteIdent(part))
    .join('.');
}

/**
 * Render a value as a SQL literal. Only for statements that cannot take parameters
 * (DDL such as CREATE VIEW, or DuckDB's SET); everything else binds values.
 */
export function sqlLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} cannot be written as a SQL literal`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}
