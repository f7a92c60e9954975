import { openAsBlob } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, statfs, link, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileNotFound } from '../lake/storage/errors';
import { targetExists, type StorageWriter, type StreamingStorage } from '../lake/storage/streaming';
import { TEMP_SUFFIX, type FileInfo, type StorageUsage } from '../lake/storage/types';

/** Storage in a folder on disk, for Node tests, the benchmark, exports and the command line. */
export class DiskStorage implements StreamingStorage {
  constructor(private readonly root: string) {}

  async read(path: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.full(path)));
    } catch (error) {
      if (isNotFound(error)) throw fileNotFound(path);
      throw error;
    }
  }

  async write(path: string, bytes: Uint8Array): Promise<void> {
    const temp = await this.writeTemp(path, bytes);
    await rename(temp, this.full(path));
  }

  async writeIfAbsent(path: string, bytes: Uint8Array): Promise<boolean> {
    const temp = await this.writeTemp(path, bytes);
    try {
      await link(temp, this.full(path)); // link fails when the target exists: put-if-absent
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      await unlink(temp);
    }
  }

  async stat(path: string): Promise<FileInfo | null> {
    try {
      const info = await stat(this.full(path));
      return { path, size: info.size, modified: info.mtimeMs };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async folders(folder: string): Promise<string[]> {
    try {
      const entries = await readdir(this.full(folder), { withFileTypes: true });
      return entries
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  async list(folder: string): Promise<FileInfo[]> {
    const base = this.full(folder);
    let entries: string[];
    try {
      entries = (await readdir(base, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name));
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    const files = await Promise.all(
      entries.map(async (full) => {
        const info = await stat(full);
        return {
          path: relative(this.root, full).split(sep).join('/'),
          size: info.size,
          modified: info.mtimeMs,
        };
      }),
    );
    return files.sort((a, b) => a.path.localeCompare(b.path));
  }

  async delete(path: string): Promise<void> {
    await rm(this.full(path), { force: true });
  }

  async deleteFolder(folder: string): Promise<void> {
    await rm(this.full(folder), { recursive: true, force: true });
  }

  async usage(): Promise<StorageUsage> {
    const used = (await this.list('')).reduce((sum, f) => sum + f.size, 0);
    const fs = await statfs(this.root).catch(() => null);
    return {
      usedBytes: used,
      quotaBytes: fs ? fs.bavail * fs.bsize + used : Number.MAX_SAFE_INTEGER,
      persisted: true,
    };
  }

  async blob(path: string): Promise<Blob> {
    try {
      return await openAsBlob(this.full(path));
    } catch (error) {
      if (isNotFound(error)) throw fileNotFound(path);
      throw error;
    }
  }

  async createWriter(path: string): Promise<StorageWriter> {
    const target = this.full(path);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}${TEMP_SUFFIX}-${crypto.randomUUID()}`;
    const handle = await open(temp, 'w');
    let isOpen = true;
    const finish = async () => {
      if (!isOpen) return;
      isOpen = false;
      await handle.close();
    };
    return {
      write: async (chunk) => void (await handle.write(chunk)),
      close: async () => {
        await handle.sync();
        await finish();
        await rename(temp, target);
      },
      abort: async () => {
        await finish();
        await rm(temp, { force: true });
      },
    };
  }

  async move(from: string, to: string): Promise<void> {
    const target = this.full(to);
    await mkdir(dirname(target), { recursive: true });
    try {
      await link(this.full(from), target); // fails when the target exists: no silent replace
    } catch (error) {
      if (isNotFound(error)) throw fileNotFound(from);
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw targetExists(to);
      throw error;
    }
    await unlink(this.full(from));
  }

  private full(path: string): string {
    return join(this.root, ...path.split('/'));
  }

  private async writeTemp(path: string, bytes: Uint8Array): Promise<string> {
    const target = this.full(path);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}${TEMP_SUFFIX}-${crypto.randomUUID()}`;
    const handle = await open(temp, 'w');
    try {
      await handle.write(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temp;
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}
