import type { ParquetCodec } from '../../../src/engine/parquet-codec';

/** How a codec was asked to decode: whole files, files in batches, and the batches they gave. */
export interface DecodeCounts {
  whole: number;
  batched: number;
  batches: number;
}

/** The real codec, counting into `counts` how Parquet files are decoded (encoding is passed through). */
export function countingCodec(codec: ParquetCodec, counts: DecodeCounts): ParquetCodec {
  return {
    write: (ipc, options) => codec.write(ipc, options),
    writeMany: (ipcs, options) => codec.writeMany(ipcs, options),
    read: (bytes) => {
      counts.whole++;
      return codec.read(bytes);
    },
    async *readBatches(bytes, rows) {
      counts.batched++;
      for await (const batch of codec.readBatches(bytes, rows)) {
        counts.batches++;
        yield batch;
      }
    },
    wasmMemoryBytes: () => codec.wasmMemoryBytes(),
    encodeWorkerMemoryBytes: () => codec.encodeWorkerMemoryBytes(),
  };
}

/** Set every count back to 0. */
export function resetCounts(counts: DecodeCounts): void {
  counts.whole = counts.batched = counts.batches = 0;
}
