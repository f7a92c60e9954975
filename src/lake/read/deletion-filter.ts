import { Int32, Int64, makeVector, Table, tableToIPC } from 'apache-arrow';
import { LakehouseError } from '../../engine/errors';
import type { SqlEngine } from '../../engine/types';
import type { AddFile } from '../delta/actions';
import { readDeletedRows } from '../delta/deletion-vector';
import { quoteIdent } from '../../engine/sql-quote';
import { LAKE_SCHEMA, scratchSql } from '../names';

/** Column of the scratch table that holds a file's deleted row indexes. */
export const DELETED_ROW = 'row_index';

/**
 * Load the row indexes a file's deletion vector removes into the lake's scratch table `scratch`
 * (one column, `row_index`),
 * so the file's rows can be read with `WHERE rowid NOT IN (…)`: a staged file's DuckDB rowids are
 * its row positions, as the protocol numbers them. Returns false when the file has no deletion
 * vector (nothing to filter).
 */
export async function loadDeletedRows(
  engine: SqlEngine,
  scratch: string,
  file: AddFile,
  readFile: (path: string) => Promise<Uint8Array>,
  context: { table: string; dataFile: string },
): Promise<boolean> {
  if (!file.deletionVector) return false;
  const rows = await readDeletedRows(file.deletionVector, readFile, context);
  const max = rows.length > 0 ? rows[rows.length - 1] : 0;
  if (!Number.isSafeInteger(max))
    throw new LakehouseError(
      'CorruptDeletionVector',
      `The deletion vector of ${context.dataFile} in ${context.table} names row ${max}`,
    );
  const vector =
    max < 2 ** 31
      ? makeVector({ type: new Int32(), data: Int32Array.from(rows) })
      : makeVector({ type: new Int64(), data: BigInt64Array.from(rows, (r) => BigInt(r)) });
  await engine.createTableFromArrow(
    `${LAKE_SCHEMA}.${scratch}`,
    tableToIPC(new Table({ [DELETED_ROW]: vector }), 'stream'),
  );
  return true;
}

/** The WHERE clause that keeps the rows a deletion vector (loaded into `scratch`) does not remove. */
export function notDeletedSql(scratch: string): string {
  return `WHERE rowid NOT IN (SELECT ${quoteIdent(DELETED_ROW)} FROM ${scratchSql(scratch)})`;
}
