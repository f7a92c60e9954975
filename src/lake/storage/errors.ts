import { isLakehouseError, LakehouseError } from '../../engine/errors';

/** A file the caller expected is not in storage. */
export function fileNotFound(path: string): LakehouseError {
  return new LakehouseError('FileNotFound', `${path} does not exist`, { path });
}

/**
 * The browser refused a write because the origin's storage quota is used up. `outcome` says what
 * that meant for the operation, when the caller knows (the lake: "Nothing was committed.").
 */
export function storageFull(
  path: string,
  usedBytes: number,
  quotaBytes: number,
  outcome?: string,
): LakehouseError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  return new LakehouseError(
    'StorageFull',
    `Storage is full while writing ${path}: ${mb(usedBytes)} of ${mb(quotaBytes)} used. ${outcome ? `${outcome} ` : ''}` +
      'Free space with VACUUM on large tables, delete old landing files, or reset the lakehouse.',
    { path, usedBytes, quotaBytes },
  );
}

/** A StorageFull error from a lake operation that did not commit, saying so; other errors as they are. */
export function withNothingCommitted(error: unknown): unknown {
  if (!isLakehouseError(error, 'StorageFull')) return error;
  const { path, usedBytes, quotaBytes } = error.detail;
  return storageFull(path, usedBytes, quotaBytes, 'Nothing was committed.');
}
