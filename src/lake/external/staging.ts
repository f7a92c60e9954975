import type { StreamingStorage } from '../storage/streaming';
import { joinPath } from '../storage/types';

/** Storage folder where a folder or file being opened is copied and checked before it becomes a table. */
export const OPENING_FOLDER = '.opening';

/** Openings older than this were left by a tab closed mid-copy. */
const STALE_MS = 3600_000;

/** A fresh staging folder for one opening. */
export function newOpeningFolder(): string {
  return joinPath(OPENING_FOLDER, crypto.randomUUID());
}

/** Delete what openings in tabs that were closed mid-copy left behind (an hour old or more). */
export async function cleanStaleOpenings(storage: StreamingStorage, now = Date.now()): Promise<void> {
  const newest = new Map<string, number>();
  for (const file of await storage.list(OPENING_FOLDER)) {
    const folder = file.path.split('/').slice(0, 2).join('/');
    newest.set(folder, Math.max(newest.get(folder) ?? 0, file.modified));
  }
  for (const [folder, modified] of newest) if (now - modified > STALE_MS) await storage.deleteFolder(folder);
}

/**
 * Move every file of `from` to the same place under `to`: data files first, then the log in
 * version order with `_last_checkpoint` last, so that the table appears only once its files are
 * there. A failure moves nothing more and deletes what reached `to`.
 */
export async function moveInto(storage: StreamingStorage, from: string, to: string): Promise<void> {
  const files = (await storage.list(from)).map((f) => f.path.slice(from.length + 1));
  const inLog = (p: string) => p.startsWith('_delta_log/');
  const order = (p: string) => (!inLog(p) ? 0 : p.endsWith('_last_checkpoint') ? 2 : 1);
  files.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  try {
    for (const path of files) await storage.move(joinPath(from, path), joinPath(to, path));
  } catch (error) {
    await storage.deleteFolder(to);
    throw error;
  }
}
