import type * as ParquetWasm from 'parquet-wasm/esm';

/** The parquet-wasm module, whichever build (browser ESM or Node) loaded it. */
export type ParquetWasmModule = Pick<
  typeof ParquetWasm,
  'Table' | 'readParquet' | 'writeParquet' | 'WriterPropertiesBuilder' | 'Compression' | 'wasmMemory'
>;

/** Options for encoding Parquet. */
export interface ParquetWriteOptions {
  /** Rows per row group; smaller groups let a reader skip more. */
  rowGroupSize?: number;
}

/** Parquet encode and decode, Arrow IPC streams in and out (DuckDB-WASM has no Parquet of its own offline). */
export interface ParquetCodec {
  /** Encode an Arrow IPC stream as zstd-compressed Parquet. */
  write(ipcStream: Uint8Array, options?: ParquetWriteOptions): Uint8Array;
  /** Decode Parquet bytes into an Arrow IPC stream. */
  read(parquet: Uint8Array): Uint8Array;
  /** Bytes of parquet-wasm's WebAssembly memory; it never shrinks, so this is also its peak so far. */
  wasmMemoryBytes(): number;
}

/** Build the codec over a loaded parquet-wasm module. */
export function createParquetCodec(pq: ParquetWasmModule): ParquetCodec {
  return {
    write(ipcStream, options = {}) {
      const table = pq.Table.fromIPCStream(ipcStream);
      let builder = new pq.WriterPropertiesBuilder()
        .setCompression(pq.Compression.ZSTD)
        .setCreatedBy('pocket-lakehouse (parquet-wasm 0.8.0)');
      if (options.rowGroupSize) builder = builder.setMaxRowGroupSize(options.rowGroupSize);
      return pq.writeParquet(table, builder.build());
    },
    read(parquet) {
      return pq.readParquet(parquet).intoIPCStream();
    },
    wasmMemoryBytes() {
      return pq.wasmMemory().buffer.byteLength;
    },
  };
}
