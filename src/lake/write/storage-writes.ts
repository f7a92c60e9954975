import type { Storage } from '../storage/types';

/** Small data files written to storage at once, while the next ones are encoded. */
const WRITES_IN_FLIGHT = 8;
/** Bytes of data files in flight; a larger file is written before the next one is encoded. */
const BYTES_IN_FLIGHT = 256 * 1024;

/**
 * Storage writes of data files: small files a few at a time (a file's write runs while the next
 * one is encoded), a large one on its own, finished before the next is encoded, so the files of a
 * long write appear one by one. `settle` waits for all of them and throws the first failure.
 */
export class StorageWrites {
  private readonly pending = new Map<Promise<void>, number>();
  private pendingBytes = 0;
  private failure: unknown = null;

  constructor(private readonly storage: Storage) {}

  async start(path: string, bytes: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    const write: Promise<void> = this.storage.write(path, bytes).then(
      () => this.done(write),
      (error: unknown) => {
        this.done(write);
        this.failure ??= error;
      },
    );
    this.pending.set(write, bytes.byteLength);
    this.pendingBytes += bytes.byteLength;
    while (this.pending.size > WRITES_IN_FLIGHT || this.pendingBytes > BYTES_IN_FLIGHT)
      await Promise.race(this.pending.keys());
    if (this.failure) throw this.failure;
  }

  async settle(): Promise<void> {
    await Promise.all(this.pending.keys());
    if (this.failure) throw this.failure;
  }

  private done(write: Promise<void>): void {
    this.pendingBytes -= this.pending.get(write) ?? 0;
    this.pending.delete(write);
  }
}
