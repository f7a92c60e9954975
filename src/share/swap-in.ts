import type { StreamingStorage } from '../lake/storage/streaming';
import { joinPath } from '../lake/storage/types';
import { LAKEHOUSE_FOLDERS } from './manifest';

/** Folder for an import's staged files and the files it replaces (never exported). */
export const STAGING_FOLDER = '.staging';

/**
 * Replace the lakehouse with staged files: every file under `tables/` and `landing/` is moved
 * aside, `between` runs (forget what was loaded from the old files), then every staged file is
 * moved into place; the old files are deleted last. Moves are renames, so no file is copied. When a
 * step fails, what was moved in goes back to staging and the old files go back where they were,
 * and the error is thrown: the lakehouse is as it was.
 */
export async function swapIn(
  storage: StreamingStorage,
  staged: { folder: string; paths: string[] },
  asideFolder: string,
  between: () => Promise<void>,
): Promise<void> {
  const old: string[] = [];
  for (const folder of LAKEHOUSE_FOLDERS) old.push(...(await storage.list(folder)).map((f) => f.path));
  const movedAside: string[] = [];
  const movedIn: string[] = [];
  try {
    for (const path of old) {
      await storage.move(path, joinPath(asideFolder, path));
      movedAside.push(path);
    }
    await between();
    for (const path of staged.paths) {
      await storage.move(joinPath(staged.folder, path), path);
      movedIn.push(path);
    }
  } catch (error) {
    for (const path of movedIn.reverse())
      await storage.move(path, joinPath(staged.folder, path)).catch(() => {});
    for (const path of movedAside.reverse())
      await storage.move(joinPath(asideFolder, path), path).catch(() => {});
    await between().catch(() => {});
    throw error;
  }
  await storage.deleteFolder(asideFolder).catch(() => {});
  await storage.deleteFolder(staged.folder).catch(() => {});
}
