import { EVENT_COLUMNS, EVENTS_TABLE, OLIST_FILES } from '../sources/olist-files';

/**
 * The Bronze tables the pipeline reads, as the sources write them (CONTRACT.md §1–2): the source
 * file's own header names, every value VARCHAR as written, plus three ingestion columns.
 */
export const BRONZE_SOURCE_COLUMNS: Readonly<Record<string, readonly string[]>> = Object.fromEntries([
  ...OLIST_FILES.map((file) => [file.table, file.columns] as const),
  [EVENTS_TABLE, EVENT_COLUMNS],
]);

/** The ingestion columns every Bronze table carries after its source columns. */
export const BRONZE_META_COLUMNS = [
  { name: '_source_file', type: 'VARCHAR' },
  { name: '_ingested_at', type: 'TIMESTAMP' },
  { name: '_rescued_data', type: 'VARCHAR' },
] as const;

/** True for a table the sources write (the pipeline only reads it). */
export function isBronzeTable(table: string): boolean {
  return table in BRONZE_SOURCE_COLUMNS;
}
