import type { PlainError } from './errors';
import type { ParquetWriteOptions } from './parquet-codec';

/**
 * Messages between the engine worker and its Parquet worker. The engine worker sends Arrow IPC
 * streams to encode (their buffers transferred) and gets one Parquet file back for each (also
 * transferred); or Parquet bytes to decode (copied: the caller may read them again) and gets the
 * file's rows back as Arrow IPC streams of at most `batchRows` rows each, in file order.
 */
export type EncodeRequest =
  | { kind: 'encode'; id: number; ipcStreams: Uint8Array[]; options: ParquetWriteOptions }
  | { kind: 'decode'; id: number; parquet: Uint8Array; batchRows: number };

/** What the Parquet worker sends: once `ready` (or `not-started`), then one answer per request. */
export type EncodeReply =
  | { kind: 'ready'; memoryBytes: number }
  | { kind: 'not-started'; error: PlainError }
  | { kind: 'encoded'; id: number; files: Uint8Array[]; memoryBytes: number }
  | { kind: 'decoded'; id: number; batches: Uint8Array[]; memoryBytes: number }
  | { kind: 'failed'; id: number; error: PlainError; memoryBytes: number };

/** A reply that answers a request (and so ends it). */
export type RequestReply = Extract<EncodeReply, { id: number }>;

/**
 * The distinct buffers under `views`, to transfer rather than copy. Several views of one buffer
 * (slices of one export) list it once; a SharedArrayBuffer cannot be transferred and is copied.
 */
export function transferablesOf(views: Uint8Array[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const view of views) if (view.buffer instanceof ArrayBuffer) buffers.add(view.buffer);
  return [...buffers];
}
