import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import type { StorageWriter, StreamingStorage } from '../../../src/lake/storage/streaming';
import type { FileInfo, StorageUsage } from '../../../src/lake/storage/types';

/** The fault a FaultyStorage throws (an I/O error of the browser's storage, as far as callers know). */
export class InjectedFault extends Error {
  constructor(
    readonly call: number,
    what: string,
  ) {
    super(`Injected storage fault at call ${call} (${what})`);
  }
}

/**
 * Storage over memory that counts every call (read, write, stat, list, delete, move, each chunk
 * of a streamed write, …) and makes the `failAt`-th one throw — once, as a transient I/O error
 * does; the calls after it work again.
 */
export class FaultyStorage implements StreamingStorage {
  calls = 0;
  failAt = 0;
  /** What each call was, for the report of a failing fault point. */
  readonly log: string[] = [];

  constructor(readonly inner: MemoryStorage) {}

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    const n = ++this.calls;
    this.log.push(what);
    if (n === this.failAt) throw new InjectedFault(n, what);
    return run();
  }

  read(path: string): Promise<Uint8Array> {
    return this.call(`read ${path}`, () => this.inner.read(path));
  }
  write(path: string, bytes: Uint8Array): Promise<void> {
    return this.call(`write ${path}`, () => this.inner.write(path, bytes));
  }
  writeIfAbsent(path: string, bytes: Uint8Array): Promise<boolean> {
    return this.call(`writeIfAbsent ${path}`, () => this.inner.writeIfAbsent(path, bytes));
  }
  stat(path: string): Promise<FileInfo | null> {
    return this.call(`stat ${path}`, () => this.inner.stat(path));
  }
  list(folder: string): Promise<FileInfo[]> {
    return this.call(`list ${folder}`, () => this.inner.list(folder));
  }
  folders(folder: string): Promise<string[]> {
    return this.call(`folders ${folder}`, () => this.inner.folders(folder));
  }
  delete(path: string): Promise<void> {
    return this.call(`delete ${path}`, () => this.inner.delete(path));
  }
  deleteFolder(folder: string): Promise<void> {
    return this.call(`deleteFolder ${folder}`, () => this.inner.deleteFolder(folder));
  }
  usage(): Promise<StorageUsage> {
    return this.call('usage', () => this.inner.usage());
  }
  blob(path: string): Promise<Blob> {
    return this.call(`blob ${path}`, () => this.inner.blob(path));
  }
  move(from: string, to: string): Promise<void> {
    return this.call(`move ${from} -> ${to}`, () => this.inner.move(from, to));
  }
  createWriter(path: string): Promise<StorageWriter> {
    return this.call(`createWriter ${path}`, async () => {
      const writer = await this.inner.createWriter(path);
      return {
        write: (chunk) => this.call(`write chunk ${path}`, () => writer.write(chunk)),
        close: () => this.call(`close ${path}`, () => writer.close()),
        abort: () => this.call(`abort ${path}`, () => writer.abort()),
      };
    });
  }
}

/** A copy of a memory storage (its files and their bytes), to start every fault point from the same state. */
export async function cloneStorage(source: MemoryStorage): Promise<MemoryStorage> {
  const copy = new MemoryStorage();
  for (const file of await source.list('')) await copy.write(file.path, await source.read(file.path));
  return copy;
}
