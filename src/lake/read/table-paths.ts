import { decodeLogPath } from '../delta/actions';
import { joinPath, type Storage } from '../storage/types';

const ABSOLUTE_URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/**
 * Where a file the log names is in storage. Relative paths (the normal case) are relative to the
 * table folder. An absolute URI (`s3://bucket/t/part-0.parquet`, `file:/…`) points at where the
 * table was written; once the table is copied here, the file is looked up by the longest tail of
 * that path that exists in the table folder (so `…/t/x/part-0.parquet` finds `x/part-0.parquet`).
 */
export async function resolveTablePath(storage: Storage, folder: string, logPath: string): Promise<string> {
  const decoded = decodeLogPath(logPath);
  if (!ABSOLUTE_URI.test(decoded)) return joinPath(folder, decoded);
  const parts = decoded
    .replace(ABSOLUTE_URI, '')
    .replace(/^\/\/[^/]*/, '')
    .split('/')
    .filter((p) => p.length > 0);
  for (let i = 0; i < parts.length - 1; i++) {
    const candidate = joinPath(folder, ...parts.slice(i));
    if (await storage.stat(candidate)) return candidate;
  }
  return joinPath(folder, parts.at(-1) ?? decoded);
}
