import type { FileInfo, Storage } from '../../lake/storage/types';
import { isTempFile } from '../../lake/storage/types';
import { LANDING } from '../olist-files';
import { sha256Hex } from './sha256';

/** A simulator batch in the landing zone. */
export interface EventBatchFile {
  path: string;
  seq: number;
  size: number;
}

const BATCH_NAME = /^batch-(\d+)\.jsonl$/;

/**
 * The landing zone: raw files as they arrived, kept. Olist files land under
 * `landing/olist/<file name>`; when that name already holds different bytes the newcomer gets the
 * first 8 hex digits of its SHA-256 before the extension, so no landed file is ever replaced.
 * Simulator batches land as `landing/events/batch-<seq>.jsonl`.
 */
export class LandingZone {
  constructor(private readonly storage: Storage) {}

  /** Land an Olist file; returns its landing path (the existing one when the same bytes are there). */
  async landOlist(name: string, bytes: Uint8Array, sha256: string): Promise<string> {
    for (const path of olistCandidates(name, sha256)) {
      if (await this.storage.writeIfAbsent(path, bytes)) return path;
      if (await this.holds(path, bytes.length, sha256)) return path;
    }
    throw new Error(`${name}: three different files already landed under this name`);
  }

  /**
   * Where `landOlist` would land the file now, without landing it: the first of its names that is
   * free (or null when it is not). Another writer may take that name first, so this is a guess
   * that `landOlist` has the last word on.
   */
  async freeOlistPath(name: string, sha256: string): Promise<string | null> {
    const [path] = olistCandidates(name, sha256);
    return (await this.storage.stat(path)) === null ? path : null;
  }

  /** Landed Olist files (complete ones only). */
  async olistFiles(): Promise<FileInfo[]> {
    return (await this.storage.list(LANDING.olist)).filter((f) => !isTempFile(f.path));
  }

  /** Simulator batches, in sequence order. */
  async eventBatches(): Promise<EventBatchFile[]> {
    const files = await this.storage.list(LANDING.events);
    const batches: EventBatchFile[] = [];
    for (const f of files) {
      const match = BATCH_NAME.exec(f.path.slice(LANDING.events.length + 1));
      if (match) batches.push({ path: f.path, seq: Number(match[1]), size: f.size });
    }
    return batches.sort((a, b) => a.seq - b.seq);
  }

  /** Write a batch under the next free sequence number at or after `seq`; returns where it went. */
  async landEventBatch(seq: number, bytes: Uint8Array): Promise<EventBatchFile> {
    for (let next = seq; ; next++) {
      const path = eventBatchPath(next);
      if (await this.storage.writeIfAbsent(path, bytes)) return { path, seq: next, size: bytes.length };
    }
  }

  /** The sequence number after the last landed batch. */
  async nextEventSeq(): Promise<number> {
    const batches = await this.eventBatches();
    return batches.length === 0 ? 1 : batches[batches.length - 1].seq + 1;
  }

  /** Read a landed file. */
  read(path: string): Promise<Uint8Array> {
    return this.storage.read(path);
  }

  private async holds(path: string, size: number, sha256: string): Promise<boolean> {
    const info = await this.storage.stat(path);
    if (!info || info.size !== size) return false;
    return (await sha256Hex(await this.storage.read(path))) === sha256;
  }
}

/** The landing paths an Olist file may take, in order: its own name, then with 8 and 64 hex digits of its hash. */
function olistCandidates(name: string, sha256: string): string[] {
  const clean = safeName(name);
  const dot = clean.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [clean.slice(0, dot), clean.slice(dot)] : [clean, ''];
  return [clean, `${stem}.${sha256.slice(0, 8)}${ext}`, `${stem}.${sha256}${ext}`].map(
    (candidate) => `${LANDING.olist}/${candidate}`,
  );
}

/** Landing path of batch `seq`: zero-padded so names sort in order. */
export function eventBatchPath(seq: number): string {
  return `${LANDING.events}/batch-${String(seq).padStart(6, '0')}.jsonl`;
}

/** A file name safe for any storage: no folders, no control characters, at most 120 characters. */
export function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '<>:"|?*'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^\.+/, '_')
    .slice(-120);
  return clean.length > 0 ? clean : 'unnamed.csv';
}
