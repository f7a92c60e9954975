import { LakehouseError, type ErrorCode } from '../../engine/errors';

/**
 * A folder, zip or file that cannot be opened as an external table, with the message the user
 * reads: it names the input and the problem, and says nothing was opened.
 */
export function openRefused(
  source: string,
  reason: string,
  name: ErrorCode = 'OpenRefused',
  detail: Record<string, unknown> = {},
): LakehouseError {
  return new LakehouseError(name, `${source}: ${reason}. Nothing was opened.`, { source, reason, ...detail });
}

/** Writes to an external table are refused: it is a copy of someone else's table, opened to read. */
export function readOnlyTable(table: string, operation: string): LakehouseError {
  return new LakehouseError(
    'ReadOnlyTable',
    `${table} is an external table, opened read-only: ${operation} is refused and nothing was changed. ` +
      `To change it, use "Import into the lakehouse" on the Sources screen (it becomes a lake table with its ` +
      `history), or copy it: CREATE TABLE silver.my_copy AS SELECT * FROM ${table}.`,
    { table, operation },
  );
}
