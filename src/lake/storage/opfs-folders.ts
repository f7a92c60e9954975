/** The folder of the origin's OPFS the lakehouse keeps its files in (OpfsStorage's root). */
export const OPFS_FOLDER = 'lakehouse';

/**
 * Folder handles of an OPFS root, kept by path. Each step of a walk from the root is a round trip
 * to the browser, and every read, stat and write would otherwise walk 4–5 levels. A handle names
 * a path, not a folder (a "locator" in the File System standard, and so in Chromium), so a kept
 * handle never points at the wrong folder: it finds a folder another tab deleted and created
 * again, and while the folder is gone it fails with NotFoundError — exactly when a walk from the
 * root would. Only creating needs care: it walks again from the root, creating what is missing.
 */
export class OpfsFolders {
  private readonly kept = new Map<string, FileSystemDirectoryHandle>();

  constructor(private readonly root: () => Promise<FileSystemDirectoryHandle>) {}

  /**
   * The folder at `path` ('' for the root); null when it does not exist and `create` is false.
   * `fromRoot` walks from the root instead of the deepest kept folder.
   */
  async get(path: string, create: boolean, fromRoot = false): Promise<FileSystemDirectoryHandle | null> {
    const parts = path.split('/').filter((p) => p.length > 0);
    let known = fromRoot ? 0 : parts.length;
    while (known > 0 && !this.kept.has(parts.slice(0, known).join('/'))) known--;
    let dir = known > 0 ? this.kept.get(parts.slice(0, known).join('/'))! : await this.root();
    for (let i = known; i < parts.length; i++) {
      try {
        dir = await dir.getDirectoryHandle(parts[i], { create });
      } catch (error) {
        // Creating under a kept folder fails only when that folder is gone: create it again.
        if (create && known > 0 && isNotFound(error)) return this.get(path, create, true);
        if (isNotFound(error) || isTypeMismatch(error)) return null;
        throw error;
      }
      this.kept.set(parts.slice(0, i + 1).join('/'), dir);
    }
    return dir;
  }

  /** Let go of the handles of a folder and of everything under it ('' for all). */
  forget(folder: string): void {
    const path = folder.replace(/^\/+|\/+$/g, '');
    if (path === '') {
      this.kept.clear();
      return;
    }
    for (const key of [...this.kept.keys()])
      if (key === path || key.startsWith(`${path}/`)) this.kept.delete(key);
  }
}

/** True for the DOMException OPFS throws for a missing file or folder. */
export function isNotFound(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'NotFoundError';
}

/** True for the DOMException OPFS throws when a file is where a folder is expected, or the reverse. */
export function isTypeMismatch(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'TypeMismatchError';
}
