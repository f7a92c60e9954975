import type { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import type { Storage } from '../../../src/lake/storage/types';

/**
 * A view of shared storage for one "tab" that can run another tab's work right after this tab
 * wrote its next data file — between its read and its commit, where races happen.
 */
export class TabStorage implements Storage {
  private hook: (() => Promise<void>) | null = null;
  private listHook: (() => Promise<void>) | null = null;
  constructor(private readonly shared: MemoryStorage) {}
  /** Run `work` once, when the next data file has been written. */
  beforeCommit(work: () => Promise<void>): void {
    this.hook = work;
  }
  /** Run `work` once, before the next listing of a Delta log (RESTORE lists it after reading its snapshot). */
  beforeListingLog(work: () => Promise<void>): void {
    this.listHook = work;
  }
  async write(path: string, bytes: Uint8Array): Promise<void> {
    await this.shared.write(path, bytes);
    if (this.hook && path.endsWith('.parquet') && !path.includes('_delta_log')) {
      const hook = this.hook;
      this.hook = null;
      await hook();
    }
  }
  read = (path: string) => this.shared.read(path);
  writeIfAbsent = (path: string, bytes: Uint8Array) => this.shared.writeIfAbsent(path, bytes);
  stat = (path: string) => this.shared.stat(path);
  async list(folder: string) {
    if (this.listHook && folder.endsWith('_delta_log')) {
      const hook = this.listHook;
      this.listHook = null;
      await hook();
    }
    return this.shared.list(folder);
  }
  folders = (folder: string) => this.shared.folders(folder);
  delete = (path: string) => this.shared.delete(path);
  deleteFolder = (folder: string) => this.shared.deleteFolder(folder);
  usage = () => this.shared.usage();
}

/** A promise and the function that settles it, for making two tabs meet at a chosen point. */
export function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
