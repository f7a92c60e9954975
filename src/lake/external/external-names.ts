import { EXTERNAL_LAYER } from '../read/describe';

export { EXTERNAL_LAYER };

/**
 * The table name a folder or file gives: lower case, letters, digits and `_` only (what
 * `parseTableName` accepts), never empty, never starting with a digit. `COVID-19_NYT` →
 * `covid_19_nyt`, `orders.parquet` → `orders`.
 */
export function tableNameOf(raw: string): string {
  const cleaned = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = cleaned.length === 0 ? 'table' : cleaned;
  return /^[0-9]/.test(name) ? `t_${name}` : name.slice(0, 60);
}

/** `base`, or `base_2`, `base_3`, … : the first that is not taken. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** True for `external.<name>`. */
export function isExternalTable(table: string): boolean {
  return table.startsWith(`${EXTERNAL_LAYER}.`);
}

/**
 * Files that are never Olist uploads but open as external tables (Parquet, JSON lines, DuckDB
 * databases): the upload control hands them to "Open files". CSVs stay uploads.
 */
export function opensAsExternalFile(fileName: string): boolean {
  return /\.(parquet|pq|json|jsonl|ndjson|duckdb|ddb|db)$/i.test(fileName);
}
