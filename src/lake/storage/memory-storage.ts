import { fileNotFound } from './errors';
import { targetExists, type StorageWriter, type StreamingStorage } from './streaming';
import type { FileInfo, StorageUsage } from './types';

/** Storage held in memory, for unit tests. */
export class MemoryStorage implements StreamingStorage {
  private readonly files = new Map<string, { bytes: Uint8Array; modified: number }>();

  async read(path: string): Promise<Uint8Array> {
    const file = this.files.get(path);
    if (!file) throw fileNotFound(path);
    return file.bytes.slice();
  }

  async write(path: string, bytes: Uint8Array): Promise<void> {
    this.files.set(path, { bytes: bytes.slice(), modified: Date.now() });
  }

  async writeIfAbsent(path: string, bytes: Uint8Array): Promise<boolean> {
    if (this.files.has(path)) return false;
    await this.write(path, bytes);
    return true;
  }

  async stat(path: string): Promise<FileInfo | null> {
    const file = this.files.get(path);
    return file ? { path, size: file.bytes.byteLength, modified: file.modified } : null;
  }

  async list(folder: string): Promise<FileInfo[]> {
    const prefix = folder === '' ? '' : `${folder.replace(/\/$/, '')}/`;
    return [...this.files.entries()]
      .filter(([path]) => path.startsWith(prefix))
      .map(([path, file]) => ({ path, size: file.bytes.byteLength, modified: file.modified }))
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  async folders(folder: string): Promise<string[]> {
    const prefix = folder === '' ? '' : `${folder.replace(/\/$/, '')}/`;
    const names = new Set<string>();
    for (const path of this.files.keys()) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      if (rest.includes('/')) names.add(rest.slice(0, rest.indexOf('/')));
    }
    return [...names].sort();
  }

  async delete(path: string): Promise<void> {
    this.files.delete(path);
  }

  async deleteFolder(folder: string): Promise<void> {
    for (const file of await this.list(folder)) this.files.delete(file.path);
  }

  async usage(): Promise<StorageUsage> {
    let used = 0;
    for (const file of this.files.values()) used += file.bytes.byteLength;
    return { usedBytes: used, quotaBytes: Number.MAX_SAFE_INTEGER, persisted: true };
  }

  async blob(path: string): Promise<Blob> {
    const file = this.files.get(path);
    if (!file) throw fileNotFound(path);
    return new Blob([file.bytes as Uint8Array<ArrayBuffer>]);
  }

  async createWriter(path: string): Promise<StorageWriter> {
    const chunks: Uint8Array[] = [];
    return {
      write: async (chunk) => void chunks.push(chunk.slice()),
      close: async () => {
        this.files.set(path, {
          bytes: new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer()),
          modified: Date.now(),
        });
      },
      abort: async () => void (chunks.length = 0),
    };
  }

  async move(from: string, to: string): Promise<void> {
    const file = this.files.get(from);
    if (!file) throw fileNotFound(from);
    if (this.files.has(to)) throw targetExists(to);
    this.files.delete(from);
    this.files.set(to, file);
  }

  /** Set a file's modification time, for retention tests. */
  touch(path: string, modified: number): void {
    const file = this.files.get(path);
    if (file) file.modified = modified;
  }
}
