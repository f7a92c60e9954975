import { LakehouseError } from '../../engine/errors';

/** A file the caller expected is not in storage. */
export function fileNotFound(path: string): LakehouseError {
  return new LakehouseError('FileNotFound', `${path} does not exist`, { path });
}

/** The browser refused a write because the origin's storage quota is used up. */
export function storageFull(path: string, usedBytes: number, quotaBytes: number): LakehouseError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  return new LakehouseError(
    'StorageFull',
    `Storage is full while writing ${path}: ${mb(usedBytes)} of ${mb(quotaBytes)} used. ` +
      'Nothing was committed. Free space with VACUUM on large tables, delete old landing files, or reset the lakehouse.',
    { path, usedBytes, quotaBytes },
  );
}
