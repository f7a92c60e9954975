import { quoteIdent } from '../../../engine/sql-quote';
import type { ColumnInfo } from '../../../engine/types';
import type { CatalogTable } from '../../../service/contract';

export type { CatalogTable };

/** One completion: the text inserted, what kind of name it is, and the detail shown beside it. */
export interface CatalogOption {
  label: string;
  type: 'table' | 'column';
  detail: string;
  /** The text inserted when it differs from the label (a column name that needs quoting). */
  apply?: string;
}

/** Where the completed word starts (an offset into the text before the cursor) and what may complete it. */
export interface CatalogCompletion {
  from: number;
  options: CatalogOption[];
}

/** The dotted name being typed at the end of `before`, e.g. `silv`, `silver.or`, `silver.orders.`. */
const TYPED_NAME = /[A-Za-z_][\w]*(?:\.[\w]*){0,2}$|\.$/;

/** Qualified table names written in a query (`silver.orders`), to offer their columns as bare words. */
const NAMED_TABLE = /\b([A-Za-z_]\w*\.[A-Za-z_]\w*)\b/g;

/**
 * What the catalog offers for the name typed just before the cursor:
 * - a bare word (`silv`): every `layer.table` and the columns of the tables the query names;
 * - `layer.` or `layer.ta`: that layer's tables, as `layer.table`;
 * - `layer.table.` or `layer.table.co`: that table's columns.
 * `before` is the text from the start of the query to the cursor; `query` is the whole query.
 * Null when nothing is being typed or the catalog knows nothing that fits.
 */
export function completeFromCatalog(
  before: string,
  query: string,
  catalog: readonly CatalogTable[],
): CatalogCompletion | null {
  const typed = TYPED_NAME.exec(before);
  if (!typed || typed[0] === '.') return null;
  const parts = typed[0].split('.');
  const start = before.length - typed[0].length;
  if (parts.length === 3) {
    const table = findTable(catalog, `${parts[0]}.${parts[1]}`);
    if (!table) return null;
    return { from: before.length - parts[2].length, options: table.columns.map(columnOption) };
  }
  if (parts.length === 2) {
    const layer = parts[0].toLowerCase();
    const tables = catalog.filter((t) => t.layer.toLowerCase() === layer);
    if (tables.length > 0) return { from: start, options: tables.map(tableOption) };
    // `alias.` or `table.` of a table named in the query by its bare name: its columns.
    const named = namedTables(query, catalog).find((t) => t.name.split('.')[1].toLowerCase() === layer);
    return named ? { from: before.length - parts[1].length, options: named.columns.map(columnOption) } : null;
  }
  const options: CatalogOption[] = [
    ...catalog.map(tableOption),
    ...namedTables(query, catalog).flatMap((t) => t.columns.map(columnOption)),
  ];
  return options.length > 0 ? { from: start, options: distinct(options) } : null;
}

function findTable(catalog: readonly CatalogTable[], name: string): CatalogTable | undefined {
  const wanted = name.toLowerCase();
  return catalog.find((t) => t.name.toLowerCase() === wanted);
}

/** The catalog's tables the query names as `layer.table`. */
function namedTables(query: string, catalog: readonly CatalogTable[]): CatalogTable[] {
  const names = new Set([...query.matchAll(NAMED_TABLE)].map((m) => m[1].toLowerCase()));
  return catalog.filter((t) => names.has(t.name.toLowerCase()));
}

function tableOption(table: CatalogTable): CatalogOption {
  return { label: table.name, type: 'table', detail: `${table.columns.length} columns` };
}

function columnOption(column: ColumnInfo): CatalogOption {
  const option: CatalogOption = { label: column.name, type: 'column', detail: column.type };
  return PLAIN_NAME.test(column.name) ? option : { ...option, apply: quoteIdent(column.name) };
}

/** A column name that needs no quotes in DuckDB. */
const PLAIN_NAME = /^[a-z_][a-z0-9_]*$/;

/** One option per label and kind (two tables may share a column name). */
function distinct(options: CatalogOption[]): CatalogOption[] {
  const seen = new Set<string>();
  return options.filter((o) => {
    const key = `${o.type}:${o.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
