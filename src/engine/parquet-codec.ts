import type * as ParquetWasm from 'parquet-wasm/esm';

/** The parquet-wasm module, whichever build (browser ESM or Node) loaded it. */
export type ParquetWasmModule = Pick<
  typeof ParquetWasm,
  | 'Table'
  | 'readParquet'
  | 'writeParquet'
  | 'WriterPropertiesBuilder'
  | 'Compression'
  | 'wasmMemory'
  | 'ParquetFile'
>;

/** Options for encoding Parquet. */
export interface ParquetWriteOptions {
  /** Rows per row group; smaller groups let a reader skip more. */
  rowGroupSize?: number;
}

/**
 * Parquet encode and decode, Arrow IPC streams in and out (DuckDB-WASM has no Parquet of its own
 * offline). Encoding may run in another worker: the IPC bytes given to `write`/`writeMany` are
 * handed over (their buffers may be detached afterwards), so a caller must not read them again.
 */
export interface ParquetCodec {
  /** Encode an Arrow IPC stream as zstd-compressed Parquet. */
  write(ipcStream: Uint8Array, options?: ParquetWriteOptions): Promise<Uint8Array>;
  /** Encode several Arrow IPC streams, one Parquet file each, in order (one message to an encode worker). */
  writeMany(ipcStreams: Uint8Array[], options?: ParquetWriteOptions): Promise<Uint8Array[]>;
  /** Decode Parquet bytes into an Arrow IPC stream. */
  read(parquet: Uint8Array): Uint8Array;
  /**
   * Decode Parquet bytes a batch of at most `batchRows` rows at a time, each batch its own Arrow
   * IPC stream, in file order. parquet-wasm then holds one row group's bytes and one decoded batch
   * instead of the whole decoded file and its IPC copy (its memory never shrinks: a 1M-row file
   * read whole grew it to ~490 MB, read in batches of 64K rows to ~190 MB).
   */
  readBatches(parquet: Uint8Array, batchRows: number): AsyncIterable<Uint8Array>;
  /**
   * Bytes of parquet-wasm's WebAssembly memory: this worker's (it never shrinks, so this is also
   * its peak so far) plus the running encode worker's, as last reported (0 while none runs).
   */
  wasmMemoryBytes(): number;
  /** The running encode worker's part of `wasmMemoryBytes` (0 when encoding runs here). */
  encodeWorkerMemoryBytes(): number;
  /** Where the files encoded so far were encoded (a codec with an encode worker tells). */
  encodeReport?(): EncodeReport;
}

/** Where Parquet files were encoded: in the encode worker or in this worker, and how many. */
export interface EncodeReport {
  /** Where encoding runs now: in the 'worker', 'local' (it could not start, or was closed), or 'not-started' yet. */
  encodesIn: 'worker' | 'local' | 'not-started';
  worker: EncodeCount;
  local: EncodeCount;
  /** Data files decoded in the encode worker (the rest were decoded in this worker). */
  decodedInWorker?: number;
}

/** Requests, files and Arrow IPC bytes encoded in one place. */
export interface EncodeCount {
  requests: number;
  files: number;
  ipcBytes: number;
}

/** The `created_by` of every file we write. */
export const PARQUET_CREATED_BY = 'pocket-lakehouse (parquet-wasm 0.8.0)';

/** Encode one Arrow IPC stream as zstd Parquet with parquet-wasm, here and now. */
export function encodeParquet(
  pq: ParquetWasmModule,
  ipcStream: Uint8Array,
  options: ParquetWriteOptions = {},
): Uint8Array {
  const table = pq.Table.fromIPCStream(ipcStream);
  let builder = new pq.WriterPropertiesBuilder()
    .setCompression(pq.Compression.ZSTD)
    .setCreatedBy(PARQUET_CREATED_BY);
  if (options.rowGroupSize) builder = builder.setMaxRowGroupSize(options.rowGroupSize);
  return pq.writeParquet(table, builder.build());
}

/** The codec over a parquet-wasm module loaded in this worker: encoding runs here, in turn with SQL. */
export function createParquetCodec(pq: ParquetWasmModule): ParquetCodec {
  return {
    async write(ipcStream, options) {
      return encodeParquet(pq, ipcStream, options);
    },
    async writeMany(ipcStreams, options) {
      return ipcStreams.map((ipc) => encodeParquet(pq, ipc, options));
    },
    read(parquet) {
      return pq.readParquet(parquet).intoIPCStream();
    },
    async *readBatches(parquet, batchRows) {
      const file = await pq.ParquetFile.fromFile(new Blob([parquet as Uint8Array<ArrayBuffer>]));
      try {
        const reader = (await file.stream({ batchSize: batchRows })).getReader();
        try {
          for (;;) {
            const { done, value } = (await reader.read()) as {
              done: boolean;
              value?: ParquetWasm.RecordBatch;
            };
            if (done || !value) return;
            yield value.intoIPCStream();
          }
        } finally {
          reader.releaseLock();
        }
      } finally {
        file.free();
      }
    },
    wasmMemoryBytes() {
      return pq.wasmMemory().buffer.byteLength;
    },
    encodeWorkerMemoryBytes: () => 0,
  };
}
