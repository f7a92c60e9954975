import type { PlainError } from './errors';
import type { ParquetWriteOptions } from './parquet-codec';

/**
 * Messages between the engine worker and its Parquet encode worker. The engine worker sends
 * Arrow IPC streams (their buffers transferred) and gets one Parquet file back for each (also
 * transferred); the encode worker answers requests one at a time, in the order they came.
 */
export interface EncodeRequest {
  kind: 'encode';
  id: number;
  ipcStreams: Uint8Array[];
  options: ParquetWriteOptions;
}

/** What the encode worker sends: once `ready` (or `not-started`), then one answer per request. */
export type EncodeReply =
  | { kind: 'ready'; memoryBytes: number }
  | { kind: 'not-started'; error: PlainError }
  | { kind: 'encoded'; id: number; files: Uint8Array[]; memoryBytes: number }
  | { kind: 'failed'; id: number; error: PlainError; memoryBytes: number };

/**
 * The distinct buffers under `views`, to transfer rather than copy. Several views of one buffer
 * (slices of one export) list it once; a SharedArrayBuffer cannot be transferred and is copied.
 */
export function transferablesOf(views: Uint8Array[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const view of views) if (view.buffer instanceof ArrayBuffer) buffers.add(view.buffer);
  return [...buffers];
}
