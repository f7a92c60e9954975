import type { ParquetCodec, ParquetWriteOptions } from '../../engine/parquet-codec';
import { DUCKDB_ROW_GROUP_ROWS } from '../../engine/row-group';

/** Bytes of Arrow IPC handed to the encoder and not yet encoded; past it, the writer waits. */
const IPC_BYTES_IN_FLIGHT = 48 * 1024 * 1024;

/**
 * How data files are encoded: row groups of DuckDB's size instead of parquet-wasm's 1Mi rows, so
 * that reading a large file a batch at a time (LOAD_BATCH_ROWS) holds one small row group, not
 * the whole file. parquet-wasm (whose memory never shrinks) grew to 200 MB decoding a 1M-row
 * geolocation-like file of one row group and to 63 MB with 122,880-row groups, in 727 ms against
 * 1,282 ms; the file was 8% larger (20.3 against 18.7 MB) and encoded as fast (Node).
 */
export const DATA_FILE_WRITE_OPTIONS: ParquetWriteOptions = { rowGroupSize: DUCKDB_ROW_GROUP_ROWS };

/**
 * Runs of data files on their way through Parquet encoding: the writer adds a run as soon as
 * DuckDB has exported it and exports the next run while this one is encoded (in the encode
 * worker, on the other core). At most `IPC_BYTES_IN_FLIGHT` of exported rows wait for the
 * encoder (one run always may), so memory stays bounded. Each run's files are stored in the
 * order the runs were added; after a failure nothing more is stored and `add`/`finish` throw it.
 */
export class EncodeQueue {
  private readonly encoding = new Set<Promise<void>>();
  private bytesInFlight = 0;
  private stored: Promise<void> = Promise.resolve();
  private failed = false;
  private failure: unknown = null;

  constructor(
    private readonly codec: ParquetCodec,
    private readonly timings: { encodeMs: number; storageMs: number },
  ) {}

  /** True while more Arrow IPC is with the encoder than `add` lets a new run join (`IPC_BYTES_IN_FLIGHT`). */
  holdsMoreThanInFlight(): boolean {
    return this.bytesInFlight > IPC_BYTES_IN_FLIGHT;
  }

  /** Hand over one run's IPC streams (they are transferred); `store` gets their Parquet files. */
  async add(ipcStreams: Uint8Array[], store: (files: Uint8Array[]) => Promise<void>): Promise<void> {
    this.throwIfFailed();
    const bytes = ipcStreams.reduce((sum, ipc) => sum + ipc.byteLength, 0);
    while (this.encoding.size > 0 && this.bytesInFlight + bytes > IPC_BYTES_IN_FLIGHT)
      await this.wait(Promise.race(this.encoding));
    this.throwIfFailed();
    this.bytesInFlight += bytes;
    const encoded = this.codec.writeMany(ipcStreams, DATA_FILE_WRITE_OPTIONS);
    const done: Promise<void> = encoded.then(
      () => this.settled(done, bytes),
      () => this.settled(done, bytes),
    );
    this.encoding.add(done);
    this.stored = this.stored.then(async () => {
      if (this.failed) return;
      try {
        await store(await encoded);
      } catch (error) {
        this.fail(error);
      }
    });
  }

  /**
   * Wait for every run to be encoded, then stored (the time waiting for the last storage writes
   * counts as storage time); throws the first failure.
   */
  async finish(): Promise<void> {
    await this.wait(Promise.all(this.encoding));
    const started = performance.now();
    await this.stored;
    this.timings.storageMs += performance.now() - started;
    this.throwIfFailed();
  }

  /** Wait until nothing is encoding or being stored any more, whatever happened (before a cleanup). */
  async settle(): Promise<void> {
    await Promise.all(this.encoding);
    await this.stored;
  }

  private settled(done: Promise<void>, bytes: number): void {
    this.encoding.delete(done);
    this.bytesInFlight -= bytes;
  }

  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.failure = error;
  }

  private throwIfFailed(): void {
    if (this.failed) throw this.failure;
  }

  /** Time the writer spends waiting for the encoder counts as encoding time. */
  private async wait(until: Promise<unknown>): Promise<void> {
    const started = performance.now();
    await until;
    this.timings.encodeMs += performance.now() - started;
  }
}
