import { zipSync, type Zippable } from 'fflate';
import type { Storage } from '../lake/storage/types';
import { isTempFile } from '../lake/storage/types';

/**
 * Zip a Delta table's folder — its `_delta_log/` and every data file, history included — so
 * Spark, Databricks, delta-rs or DuckDB can open it elsewhere. Temporary files left by
 * interrupted writes are not part of the table and are left out. Parquet is already
 * compressed, so files are stored, not deflated.
 */
export async function zipDeltaTable(storage: Storage, folder: string, rootName: string): Promise<Uint8Array> {
  const files = (await storage.list(folder)).filter((f) => !isTempFile(f.path));
  const entries: Zippable = {};
  for (const file of files) {
    const relative = file.path.slice(folder.length).replace(/^\//, '');
    entries[`${rootName}/${relative}`] = [
      await storage.read(file.path),
      { level: file.path.endsWith('.json') ? 6 : 0 },
    ];
  }
  return zipSync(entries);
}
