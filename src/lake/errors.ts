import { LakehouseError } from '../engine/errors';

/** The table has no Delta log. */
export function tableNotFound(table: string): LakehouseError {
  return new LakehouseError(
    'TableNotFound',
    `${table} does not exist: nothing has been written to it yet. Check the name, or run the step that creates it.`,
    { table },
  );
}

/** A version outside the table's range. */
export function versionNotFound(
  table: string,
  version: number,
  first: number,
  latest: number,
): LakehouseError {
  return new LakehouseError(
    'VersionNotFound',
    `${table} has versions ${first}–${latest}; version ${version} does not exist`,
    { table, version, first, latest },
  );
}

/** A data file (or deletion vector file) a version needs is gone from storage. */
export function dataFileMissing(
  table: string,
  version: number,
  path: string,
  what: 'data file' | 'deletion vector file' = 'data file',
): LakehouseError {
  return new LakehouseError(
    'DataFileMissing',
    `Version ${version} of ${table} needs the ${what} ${path}, which is gone: VACUUM removes the files of ` +
      `versions older than its retention window. Read a later version (DESCRIBE HISTORY ${table} lists them).`,
    { table, version, path },
  );
}

/** A version whose metaData has no schema yet: it has no columns, so there is nothing to query. */
export function noSchema(table: string, version: number): LakehouseError {
  return new LakehouseError(
    'NoSchema',
    `Version ${version} of ${table} has no columns: its metaData has no schema yet (Delta Live Tables writes ` +
      'its first commit so), and it holds no rows. Read a later version (DESCRIBE HISTORY lists them).',
    { table, version },
  );
}

/** The name of an action, for messages: "the MERGE". */
export function operationLabel(operation: string): string {
  return operation.toUpperCase();
}
