import { LakehouseError } from '../../engine/errors';
import type { Storage } from './types';

/** A file being written chunk by chunk; it appears under its path only when closed. */
export interface StorageWriter {
  /** Append bytes (they go to storage, not to memory). */
  write(chunk: Uint8Array): Promise<void>;
  /** Finish the file and move it into place atomically (like `Storage.write`). */
  close(): Promise<void>;
  /** Give up: the file does not appear and the partial bytes are deleted. */
  abort(): Promise<void>;
}

/**
 * Storage that can also move large files without holding them in memory: read as a Blob the
 * browser (or Node) reads from disk on demand, write in chunks, move a file to another folder.
 * The lakehouse export and import need it; the lake itself does not.
 */
export interface StreamingStorage extends Storage {
  /** The file as a Blob backed by storage (a File from OPFS, a disk-backed Blob in Node). */
  blob(path: string): Promise<Blob>;
  /** Start writing a file in chunks; nothing is at `path` until `close()`. */
  createWriter(path: string): Promise<StorageWriter>;
  /** Move a file to another path (folders are created); throws when something is already there. */
  move(from: string, to: string): Promise<void>;
}

/** True when a storage can stream (OPFS, disk and memory storage can). */
export function isStreamingStorage(storage: Storage): storage is StreamingStorage {
  const s = storage as Partial<StreamingStorage>;
  return typeof s.blob === 'function' && typeof s.createWriter === 'function' && typeof s.move === 'function';
}

/** The storage as a StreamingStorage, or an error naming what it lacks. */
export function streamingStorage(storage: Storage): StreamingStorage {
  if (isStreamingStorage(storage)) return storage;
  throw new LakehouseError(
    'StreamingUnsupported',
    'This storage cannot stream files (blob, createWriter, move)',
  );
}

/** A file is already where a move would put another one. */
export function targetExists(path: string): LakehouseError {
  return new LakehouseError('FileExists', `${path} already exists`, { path });
}
