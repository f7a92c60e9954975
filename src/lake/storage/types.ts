/** One stored file. */
export interface FileInfo {
  /** Path from the storage root, `/`-separated, no leading slash. */
  path: string;
  size: number;
  /** Last modification, epoch milliseconds. */
  modified: number;
}

/** Space the browser grants this origin. */
export interface StorageUsage {
  usedBytes: number;
  quotaBytes: number;
  persisted: boolean;
}

/**
 * Where the lake keeps its bytes: OPFS in the browser, memory or a folder in Node.
 * Paths are relative, `/`-separated; folders exist implicitly.
 */
export interface Storage {
  /** Read a whole file; throws `FileNotFound` when it is absent. */
  read(path: string): Promise<Uint8Array>;
  /** Write a whole file atomically: readers see the old bytes or the new ones, never a mix. */
  write(path: string, bytes: Uint8Array): Promise<void>;
  /** Write only when no file is at `path` yet; resolves false (and writes nothing) when one is. */
  writeIfAbsent(path: string, bytes: Uint8Array): Promise<boolean>;
  /** Size and time of one file, or null when it is absent. */
  stat(path: string): Promise<FileInfo | null>;
  /** Every file under a folder ('' for all), at any depth. */
  list(folder: string): Promise<FileInfo[]>;
  /** Names of the folders right inside a folder ('' for the root), sorted; none when it is absent. */
  folders(folder: string): Promise<string[]>;
  /** Delete one file; deleting an absent file is not an error. */
  delete(path: string): Promise<void>;
  /** Delete a folder and everything under it. */
  deleteFolder(folder: string): Promise<void>;
  /** Space used and granted. */
  usage(): Promise<StorageUsage>;
}

/** Suffix of the temporary file a write goes through before it is moved into place. */
export const TEMP_SUFFIX = '.tmp-write';

/** True for a temporary file a write left behind when it was interrupted. */
export function isTempFile(path: string): boolean {
  return path.includes(TEMP_SUFFIX);
}

/** Split a path into its folder parts and file name. */
export function splitPath(path: string): { folders: string[]; name: string } {
  const parts = path.split('/').filter((p) => p.length > 0);
  const name = parts.pop();
  if (!name) throw new Error(`"${path}" is not a file path`);
  return { folders: parts, name };
}

/** Join path parts with `/`, dropping empty ones. */
export function joinPath(...parts: string[]): string {
  return parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p.length > 0)
    .join('/');
}
