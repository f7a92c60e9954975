import type { StreamingStorage } from '../lake/storage/streaming';
import { joinPath } from '../lake/storage/types';
import { LAKEHOUSE_FOLDERS } from './manifest';

/** Folder for an import's staged files and the files it replaces (never exported). */
export const STAGING_FOLDER = '.staging';

/** Where a swap writes down how far it got, so a tab closed in the middle can be finished later. */
export const SWAP_JOURNAL = `${STAGING_FOLDER}/swap.json`;

/** A swap in progress: where the staged and the old files are, and which step it is in. */
export interface SwapJournal {
  /** `aside`: old files are being moved aside (undo it); `in`: staged files are being moved in (finish it). */
  phase: 'aside' | 'in';
  staged: string;
  aside: string;
  paths: string[];
}

/**
 * Replace the lakehouse with staged files: every file under `tables/` and `landing/` is moved
 * aside, `between` runs (forget what was loaded from the old files), then every staged file is
 * moved into place; the old files are deleted last. Moves are renames, so no file is copied. When a
 * step fails, what was moved in goes back to staging and the old files go back where they were,
 * and the error is thrown: the lakehouse is as it was. A journal says which step runs, so a tab
 * closed half-way is undone (old files still moving aside, or moving back) or finished (staged
 * files moving in, or moving back out) by `recoverSwap` when the app starts next. Once every
 * staged file is in place the import has happened: tidying up cannot fail it.
 */
export async function swapIn(
  storage: StreamingStorage,
  staged: { folder: string; paths: string[] },
  asideFolder: string,
  between: () => Promise<void>,
): Promise<void> {
  const old: string[] = [];
  for (const folder of LAKEHOUSE_FOLDERS) old.push(...(await storage.list(folder)).map((f) => f.path));
  const journal: SwapJournal = {
    phase: 'aside',
    staged: staged.folder,
    aside: asideFolder,
    paths: staged.paths,
  };
  await writeJournal(storage, journal);
  const movedAside: string[] = [];
  const movedIn: string[] = [];
  let movingIn = false;
  try {
    for (const path of old) {
      await storage.move(path, joinPath(asideFolder, path));
      movedAside.push(path);
    }
    await writeJournal(storage, { ...journal, phase: 'in' });
    movingIn = true;
    await between();
    for (const path of staged.paths) {
      await storage.move(joinPath(staged.folder, path), path);
      movedIn.push(path);
    }
  } catch (error) {
    // Closed while the imported files go back to staging, the journal still says `in`: the next
    // start finishes the import. Once they are all back it says `aside`: the next start undoes it.
    for (const path of movedIn.reverse())
      await storage.move(path, joinPath(staged.folder, path)).catch(() => {});
    if (movingIn) await writeJournal(storage, journal).catch(() => {});
    for (const path of movedAside.reverse())
      await storage.move(joinPath(asideFolder, path), path).catch(() => {});
    await storage.delete(SWAP_JOURNAL).catch(() => {});
    await between().catch(() => {});
    throw error;
  }
  await finish(storage, journal);
}

/**
 * Finish or undo a swap that a closed tab left half-way (its journal is still there): old files
 * that were being moved aside go back; staged files that were being moved in all go in. Then the
 * leftovers of imports that never reached their swap are deleted. Resolves with what it did.
 */
export async function recoverSwap(storage: StreamingStorage): Promise<'none' | 'undone' | 'finished'> {
  const journal = await readJournal(storage);
  let outcome: 'none' | 'undone' | 'finished' = 'none';
  if (journal?.phase === 'aside') {
    for (const file of await storage.list(journal.aside)) {
      const path = file.path.slice(journal.aside.length + 1);
      if (!(await storage.stat(path))) await storage.move(file.path, path);
    }
    outcome = 'undone';
  } else if (journal?.phase === 'in') {
    for (const path of journal.paths) {
      const from = joinPath(journal.staged, path);
      if (await storage.stat(from)) await storage.move(from, path);
    }
    outcome = 'finished';
  }
  await storage.deleteFolder(STAGING_FOLDER);
  return outcome;
}

/**
 * Tidy up after a swap that is complete: nothing here can undo it, so a failure is not the
 * import's; a journal left behind is finished (nothing left to move) by the next start.
 */
async function finish(storage: StreamingStorage, journal: SwapJournal): Promise<void> {
  await storage.delete(SWAP_JOURNAL).catch(() => {});
  await storage.deleteFolder(journal.aside).catch(() => {});
  await storage.deleteFolder(journal.staged).catch(() => {});
}

async function writeJournal(storage: StreamingStorage, journal: SwapJournal): Promise<void> {
  await storage.write(SWAP_JOURNAL, new TextEncoder().encode(JSON.stringify(journal)));
}

async function readJournal(storage: StreamingStorage): Promise<SwapJournal | null> {
  try {
    return JSON.parse(new TextDecoder().decode(await storage.read(SWAP_JOURNAL))) as SwapJournal;
  } catch {
    return null;
  }
}
