import { fileNotFound, storageFull } from './errors';
import { OPFS_FOLDER, OpfsFolders, isNotFound, isTypeMismatch } from './opfs-folders';
import { targetExists, type StorageWriter, type StreamingStorage } from './streaming';
import { TEMP_SUFFIX, splitPath, type FileInfo, type StorageUsage } from './types';

// Chromium has these; TypeScript's DOM library does not declare them all yet.
interface MovableFileHandle extends FileSystemFileHandle {
  move(newName: string): Promise<void>;
  move(parent: FileSystemDirectoryHandle, newName: string): Promise<void>;
  createSyncAccessHandle(): Promise<SyncAccessHandle>;
}
interface SyncAccessHandle {
  write(buffer: Uint8Array, options?: { at?: number }): number;
  flush(): void;
  close(): void;
}

/**
 * Storage in the Origin Private File System. Writes go through a synchronous access handle
 * (dedicated workers only) into a temporary file that is then moved over the target, so a
 * tab killed mid-write leaves the old file (and an orphan temporary file VACUUM removes).
 * Folder handles are kept by path (OpfsFolders), so an operation costs no walk from the root.
 */
export class OpfsStorage implements StreamingStorage {
  private rootPromise: Promise<FileSystemDirectoryHandle> | null = null;
  private readonly folderHandles = new OpfsFolders(() => this.root());

  constructor(private readonly rootFolder = OPFS_FOLDER) {}

  async read(path: string): Promise<Uint8Array> {
    const file = await this.fileHandle(path);
    if (!file) throw fileNotFound(path);
    return new Uint8Array(await (await file.getFile()).arrayBuffer());
  }

  async write(path: string, bytes: Uint8Array): Promise<void> {
    // Two tabs moving a file onto one path at once make one move fail ("a destination which is
    // locked": the simulator's checkpoint, an ingestion cache), so writes of a path take its lock.
    await this.holdingPath(path, () =>
      this.creating(path, async (dir, name) => {
        const temp = await this.writeTemp(dir, name, bytes, path);
        await temp.move(name);
      }),
    );
  }

  async writeIfAbsent(path: string, bytes: Uint8Array): Promise<boolean> {
    // Chromium's move() replaces an existing file, so check-then-move is atomic only under the
    // path's lock (landing batches, uploads and log entries alike).
    return this.holdingPath(path, () =>
      this.creating(path, async (dir, name) => {
        if (await this.child(dir, name)) return false;
        const temp = await this.writeTemp(dir, name, bytes, path);
        await temp.move(name);
        return true;
      }),
    );
  }

  async stat(path: string): Promise<FileInfo | null> {
    const handle = await this.fileHandle(path);
    if (!handle) return null;
    const file = await handle.getFile();
    return { path, size: file.size, modified: file.lastModified };
  }

  async list(folder: string): Promise<FileInfo[]> {
    const prefix = folder.replace(/\/$/, '');
    const dir = await this.folderHandles.get(folder, false);
    if (!dir) return [];
    const files: FileInfo[] = [];
    try {
      await walk(dir, prefix, files);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      // The folder, or one under it, was deleted while we walked (another tab): walk once more.
      const again = await this.folderHandles.get(folder, false, true);
      if (!again) return [];
      files.length = 0;
      await walk(again, prefix, files);
    }
    return files.sort((a, b) => a.path.localeCompare(b.path));
  }

  async folders(folder: string): Promise<string[]> {
    const dir = await this.folderHandles.get(folder, false);
    if (!dir) return [];
    const names: string[] = [];
    try {
      for await (const [name, handle] of dir.entries()) if (handle.kind === 'directory') names.push(name);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return []; // deleted while we read it (another tab)
    }
    return names.sort();
  }

  async delete(path: string): Promise<void> {
    const { dir, name } = await this.parent(path, false).catch(() => ({ dir: null, name: '' }));
    if (!dir) return;
    await dir.removeEntry(name).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }

  async deleteFolder(folder: string): Promise<void> {
    this.folderHandles.forget(folder);
    if (folder === '') {
      const root = await this.root();
      for await (const [name] of root.entries()) await root.removeEntry(name, { recursive: true });
      return;
    }
    const { dir, name } = await this.parent(folder, false).catch(() => ({ dir: null, name: '' }));
    if (!dir) return;
    await dir.removeEntry(name, { recursive: true }).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }

  async blob(path: string): Promise<Blob> {
    const file = await this.fileHandle(path);
    if (!file) throw fileNotFound(path);
    return file.getFile();
  }

  async createWriter(path: string): Promise<StorageWriter> {
    const { dir, name } = await this.parent(path, true);
    const temp = (await dir.getFileHandle(`${name}${TEMP_SUFFIX}-${crypto.randomUUID()}`, {
      create: true,
    })) as MovableFileHandle;
    const access = await temp.createSyncAccessHandle();
    let at = 0;
    let closed = false;
    const release = () => {
      if (closed) return;
      closed = true;
      access.close();
    };
    const discard = async () => {
      release();
      await dir.removeEntry(temp.name).catch(() => {});
    };
    return {
      write: async (chunk) => {
        try {
          const written = access.write(chunk, { at });
          if (written !== chunk.byteLength)
            throw new Error(`Short write: ${written} of ${chunk.byteLength} bytes`);
          at += written;
        } catch (error) {
          await discard();
          if (!isQuotaError(error)) throw error;
          const usage = await this.usage();
          throw storageFull(path, usage.usedBytes, usage.quotaBytes);
        }
      },
      close: async () => {
        access.flush();
        release();
        await temp.move(name);
      },
      abort: discard,
    };
  }

  async move(from: string, to: string): Promise<void> {
    const source = (await this.fileHandle(from)) as MovableFileHandle | null;
    if (!source) throw fileNotFound(from);
    const { dir, name } = await this.parent(to, true);
    // Chromium's move() replaces an existing file; a move here never does.
    if (await this.child(dir, name)) throw targetExists(to);
    await source.move(dir, name);
  }

  async usage(): Promise<StorageUsage> {
    const estimate = await navigator.storage.estimate();
    const persisted = (await navigator.storage.persisted?.()) ?? false;
    return { usedBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0, persisted };
  }

  /**
   * Run `job` holding the Web Lock of one path, shared by every tab and worker of the origin and
   * released by the browser if the tab holding it closes.
   */
  private holdingPath<T>(path: string, job: () => Promise<T>): Promise<T> {
    return navigator.locks.request(`pocket-lakehouse:create:${this.rootFolder}/${path}`, job);
  }

  private root(): Promise<FileSystemDirectoryHandle> {
    this.rootPromise ??= navigator.storage
      .getDirectory()
      .then((opfs) => opfs.getDirectoryHandle(this.rootFolder, { create: true }));
    return this.rootPromise;
  }

  private async parent(
    path: string,
    create: boolean,
  ): Promise<{ dir: FileSystemDirectoryHandle; name: string }> {
    const { folders, name } = splitPath(path);
    const dir = await this.folderHandles.get(folders.join('/'), create);
    if (!dir) throw fileNotFound(path);
    return { dir, name };
  }

  /**
   * Run a step that creates a file in the folder of `path` (created when missing). When the kept
   * folder turns out to be gone (another tab reset the lake), create the folders again from the
   * root and run the step once more.
   */
  private async creating<T>(
    path: string,
    step: (dir: FileSystemDirectoryHandle, name: string) => Promise<T>,
  ): Promise<T> {
    const { dir, name } = await this.parent(path, true);
    try {
      return await step(dir, name);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      const again = await this.folderHandles.get(splitPath(path).folders.join('/'), true, true);
      if (!again) throw fileNotFound(path);
      return step(again, name);
    }
  }

  private async fileHandle(path: string): Promise<FileSystemFileHandle | null> {
    const { folders, name } = splitPath(path);
    const dir = await this.folderHandles.get(folders.join('/'), false);
    return dir ? this.child(dir, name) : null;
  }

  private async child(dir: FileSystemDirectoryHandle, name: string): Promise<FileSystemFileHandle | null> {
    try {
      return await dir.getFileHandle(name);
    } catch (error) {
      if (isNotFound(error) || isTypeMismatch(error)) return null;
      throw error;
    }
  }

  private async writeTemp(
    dir: FileSystemDirectoryHandle,
    name: string,
    bytes: Uint8Array,
    path: string,
  ): Promise<MovableFileHandle> {
    const temp = (await dir.getFileHandle(`${name}${TEMP_SUFFIX}-${crypto.randomUUID()}`, {
      create: true,
    })) as MovableFileHandle;
    let access: SyncAccessHandle | null = null;
    try {
      access = await temp.createSyncAccessHandle();
      const written = access.write(bytes, { at: 0 });
      if (written !== bytes.byteLength)
        throw new Error(`Short write: ${written} of ${bytes.byteLength} bytes`);
      access.flush();
    } catch (error) {
      access?.close();
      access = null;
      await dir.removeEntry(temp.name).catch(() => {});
      if (isQuotaError(error)) {
        const usage = await this.usage();
        throw storageFull(path, usage.usedBytes, usage.quotaBytes);
      }
      throw error;
    } finally {
      access?.close();
    }
    return temp;
  }
}

async function walk(dir: FileSystemDirectoryHandle, prefix: string, out: FileInfo[]): Promise<void> {
  for await (const [name, handle] of dir.entries()) {
    const path = prefix ? `${prefix}/${name}` : name;
    if (handle.kind === 'directory') await walk(handle, path, out);
    else {
      // A file removed or renamed after the folder was read (a landing's temporary file taking its
      // name, another tab's delete) is not there any more: the listing leaves it out.
      const file = await handle.getFile().catch((error: unknown) => {
        if (isNotFound(error)) return null;
        throw error;
      });
      if (file) out.push({ path, size: file.size, modified: file.lastModified });
    }
  }
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}
