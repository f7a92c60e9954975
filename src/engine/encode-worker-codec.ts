import { transferablesOf, type EncodeReply, type EncodeRequest, type RequestReply } from './encode-protocol';
import type { PlainError } from './errors';
import type { EncodeCount, EncodeReport, ParquetCodec, ParquetWriteOptions } from './parquet-codec';

/** A started encode worker, whichever kind (a browser Worker, Node's worker_threads). */
export interface EncodeWorkerHandle {
  post(request: EncodeRequest, transfer: ArrayBuffer[]): void;
  /** `onFailure`: the worker could not load, threw outside a request, or exited. */
  listen(onReply: (reply: EncodeReply) => void, onFailure: (error: Error) => void): void;
  terminate(): void;
}

/** How the codec starts its encode worker and what it falls back on. */
export interface EncodeWorkerOptions {
  /** Start an encode worker (may throw: no Worker here, the script is missing). */
  spawn: () => EncodeWorkerHandle;
  /** The codec of this worker: decoding always, encoding when the encode worker cannot start. */
  local: ParquetCodec;
  /** ms to wait for the encode worker to load parquet-wasm before encoding here instead. */
  startTimeoutMs?: number;
  /** Told once, when encoding falls back to this worker. */
  onFallback?: (reason: Error) => void;
  /**
   * Requests of fewer bytes than this (Arrow IPC to encode, Parquet to decode) are answered here:
   * a small file is encoded or decoded sooner than it crosses to the other worker and back
   * (default `SMALL_REQUEST_BYTES`; 0 sends all).
   */
  localBelowBytes?: number;
  /**
   * ms the encode worker may sit idle holding more than `recycleAboveBytes` of WebAssembly memory
   * before it is ended (default `RECYCLE_IDLE_MS`); the next encode starts a new one.
   */
  recycleIdleMs?: number;
  /** Heap of an idle encode worker above which it is ended (default `RECYCLE_ABOVE_BYTES`). */
  recycleAboveBytes?: number;
}

/** A codec that encodes in a worker of its own; `start` begins loading it, `close` ends it. */
export interface WorkerParquetCodec extends ParquetCodec {
  start(): void;
  close(): void;
  /** Where encoding runs: in the 'worker', 'local' (it could not start, or was closed), or 'not-started' yet. */
  encodesIn(): EncodeReport['encodesIn'];
  encodeReport(): EncodeReport;
}

const START_TIMEOUT_MS = 30_000;
/** A request this small is encoded in this worker (a model's few rows, a checkpoint, a download). */
export const SMALL_REQUEST_BYTES = 256 * 1024;
/**
 * An encode worker idle this long with a heap above RECYCLE_ABOVE_BYTES is ended: parquet-wasm's
 * memory never shrinks, so one large encode (a 1M-row file) would otherwise hold its heap for the
 * life of the tab; a new worker loads in well under a second.
 */
export const RECYCLE_IDLE_MS = 3_000;
export const RECYCLE_ABOVE_BYTES = 128 * 1024 * 1024;

/**
 * Parquet encoding and decoding in a dedicated worker: DuckDB runs the next query while files are
 * encoded on the other core, and parquet-wasm's memory, which never shrinks, grows there, where
 * ending the worker frees it, not in the engine worker. Small requests are answered here. The
 * worker starts on first use (or `start()`); if it cannot start, everything runs here as before. A worker that fails after starting fails the
 * requests it held and is started again for the next one. A worker left idle with a large heap
 * is ended (its memory freed) and started again for the next encode.
 */
export function createWorkerParquetCodec(options: EncodeWorkerOptions): WorkerParquetCodec {
  const { local } = options;
  let connection: Promise<Connection | null> | null = null;
  let state: EncodeReport['encodesIn'] = 'not-started';
  let workerMemory = 0;
  let recycleTimer: ReturnType<typeof setTimeout> | null = null;

  const stopRecycleTimer = () => {
    if (recycleTimer !== null) clearTimeout(recycleTimer);
    recycleTimer = null;
  };
  /** Called when the worker has answered every request: end it later if its heap is large. */
  const idle = (open: Connection) => {
    stopRecycleTimer();
    if (workerMemory <= (options.recycleAboveBytes ?? RECYCLE_ABOVE_BYTES)) return;
    recycleTimer = setTimeout(() => {
      recycleTimer = null;
      if (!open.retireIfIdle()) return;
      connection = null;
      workerMemory = 0;
    }, options.recycleIdleMs ?? RECYCLE_IDLE_MS);
  };
  const counts = { worker: emptyCount(), local: emptyCount(), decoded: 0 };
  const encodeLocally = (ipcStreams: Uint8Array[], bytes: number, writeOptions: ParquetWriteOptions) => {
    count(counts.local, ipcStreams.length, bytes);
    return local.writeMany(ipcStreams, writeOptions);
  };

  const connect = (): Promise<Connection | null> => {
    if (state === 'local') return Promise.resolve(null);
    if (connection) return connection;
    const opened: Promise<Connection | null> = Connection.open(options, {
      memory: (bytes) => (workerMemory = bytes),
      idle,
      lost: () => {
        if (connection !== opened) return;
        connection = null;
        workerMemory = 0;
      },
    }).then(
      (worker) => {
        state = 'worker';
        return worker;
      },
      (reason: unknown) => {
        state = 'local';
        options.onFallback?.(reason instanceof Error ? reason : new Error(String(reason)));
        return null;
      },
    );
    connection = opened;
    return opened;
  };

  const writeMany = async (ipcStreams: Uint8Array[], writeOptions: ParquetWriteOptions = {}) => {
    if (ipcStreams.length === 0) return [];
    const bytes = ipcStreams.reduce((sum, ipc) => sum + ipc.byteLength, 0);
    if (bytes < (options.localBelowBytes ?? SMALL_REQUEST_BYTES))
      return encodeLocally(ipcStreams, bytes, writeOptions);
    stopRecycleTimer();
    const worker = await connect();
    if (!worker) return encodeLocally(ipcStreams, bytes, writeOptions);
    count(counts.worker, ipcStreams.length, bytes);
    return worker.encode(ipcStreams, writeOptions);
  };

  return {
    async write(ipcStream, writeOptions) {
      const [file] = await writeMany([ipcStream], writeOptions);
      return file;
    },
    writeMany,
    read: (parquet) => local.read(parquet),
    async *readBatches(parquet, batchRows) {
      if (parquet.byteLength < (options.localBelowBytes ?? SMALL_REQUEST_BYTES)) {
        yield* local.readBatches(parquet, batchRows);
        return;
      }
      stopRecycleTimer();
      const worker = await connect();
      if (!worker) {
        yield* local.readBatches(parquet, batchRows);
        return;
      }
      let batches: Uint8Array[];
      try {
        batches = await worker.decode(parquet, batchRows);
      } catch (error) {
        // The worker went away with the file (not a decoding failure): decode it here instead.
        if (!lostWithWorker.has(error as Error)) throw error;
        yield* local.readBatches(parquet, batchRows);
        return;
      }
      counts.decoded++;
      yield* batches;
    },
    wasmMemoryBytes: () => local.wasmMemoryBytes() + workerMemory,
    start() {
      void connect();
    },
    encodeWorkerMemoryBytes: () => workerMemory,
    close() {
      stopRecycleTimer();
      const open = connection;
      connection = null;
      state = 'local';
      void open?.then((worker) => worker?.close());
    },
    encodesIn: () => state,
    encodeReport: () => ({
      encodesIn: state,
      worker: { ...counts.worker },
      local: { ...counts.local },
      decodedInWorker: counts.decoded,
    }),
  };
}

function emptyCount(): EncodeCount {
  return { requests: 0, files: 0, ipcBytes: 0 };
}

function count(into: EncodeCount, files: number, ipcBytes: number): void {
  into.requests++;
  into.files += files;
  into.ipcBytes += ipcBytes;
}

/** What a connection tells the codec: the worker's heap size, that it has no request left, that it is gone. */
interface ConnectionEvents {
  memory(bytes: number): void;
  idle(connection: Connection): void;
  lost(): void;
}

interface Pending {
  resolve(files: Uint8Array[]): void;
  reject(error: Error): void;
}

/** One running encode worker and the requests it holds. */
class Connection {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor(
    private readonly handle: EncodeWorkerHandle,
    private readonly events: ConnectionEvents,
  ) {}

  /** Start a worker and wait for it to load parquet-wasm; rejects when it cannot. */
  static open(options: EncodeWorkerOptions, events: ConnectionEvents): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const handle = options.spawn();
      const connection = new Connection(handle, events);
      let started = false;
      const timer = setTimeout(
        () => fail(new Error('The Parquet encode worker did not start in time')),
        options.startTimeoutMs ?? START_TIMEOUT_MS,
      );
      const fail = (error: Error) => {
        clearTimeout(timer);
        if (started) return connection.lose(error);
        handle.terminate();
        reject(error);
      };
      handle.listen((reply) => {
        if (reply.kind === 'ready') {
          started = true;
          clearTimeout(timer);
          events.memory(reply.memoryBytes);
          resolve(connection);
        } else if (reply.kind === 'not-started') fail(errorFromWorker(reply.error));
        else connection.answer(reply);
      }, fail);
    });
  }

  encode(ipcStreams: Uint8Array[], options: ParquetWriteOptions): Promise<Uint8Array[]> {
    return this.request((id) => ({ kind: 'encode', id, ipcStreams, options }), transferablesOf(ipcStreams));
  }

  /** The file's rows as IPC streams of at most `batchRows` rows; `parquet` is copied, not transferred. */
  decode(parquet: Uint8Array, batchRows: number): Promise<Uint8Array[]> {
    return this.request((id) => ({ kind: 'decode', id, parquet, batchRows }), []);
  }

  private request(make: (id: number) => EncodeRequest, transfer: ArrayBuffer[]): Promise<Uint8Array[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.handle.post(make(id), transfer);
    });
  }

  close(): void {
    this.lose(new Error('The Parquet encode worker was closed'));
  }

  /** End the worker if it holds no request (true), freeing its memory; the codec opens a new one when needed. */
  retireIfIdle(): boolean {
    if (this.pending.size > 0 || this.failure) return false;
    this.failure = new Error('The Parquet encode worker was ended while idle');
    this.handle.terminate();
    return true;
  }

  answer(reply: RequestReply): void {
    this.events.memory(reply.memoryBytes);
    const request = this.pending.get(reply.id);
    if (!request) return;
    this.pending.delete(reply.id);
    if (reply.kind === 'encoded') request.resolve(reply.files);
    else if (reply.kind === 'decoded') request.resolve(reply.batches);
    else request.reject(errorFromWorker(reply.error));
    if (this.pending.size === 0) this.events.idle(this);
  }

  /** The worker is gone: its requests fail with `error`, the next encode starts a new one. */
  private lose(error: Error): void {
    if (this.failure) return;
    lostWithWorker.add(error);
    this.failure = error;
    this.handle.terminate();
    this.events.lost();
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }
}

/** Errors a request failed with because its worker went away (not because of what it sent). */
const lostWithWorker = new WeakSet<Error>();

/** The encode worker's error as the error encoding here would have thrown (same name and message). */
function errorFromWorker(plain: PlainError): Error {
  const error = new Error(plain.message);
  error.name = plain.name;
  if (plain.stack) error.stack = plain.stack;
  return error;
}
