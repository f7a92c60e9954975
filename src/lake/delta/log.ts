import { joinPath, type FileInfo, type Storage } from '../storage/types';
import { commitFileName, parseCommit, serializeCommit, type Action, type Commit } from './actions';

/** What the `_delta_log` folder holds. */
export interface LogListing {
  /** Versions with a JSON commit, ascending. */
  versions: number[];
  /** Commit files by version. */
  commits: Map<number, FileInfo>;
  /**
   * Complete checkpoints: version → the paths of its files (one classic or UUID-named file, or
   * every part of a multi-part checkpoint; sidecars are found from inside the checkpoint).
   */
  checkpoints: Map<number, string[]>;
}

/** The `_last_checkpoint` hint. */
export interface LastCheckpoint {
  version: number;
  size?: number;
  parts?: number;
  /** A UUID-named (v2) checkpoint: its file name in `_delta_log/`, and maybe its actions inline. */
  v2Checkpoint?: { path: string; sizeInBytes?: number; modificationTime?: number } | null;
}

const COMMIT = /^(\d{20})\.json$/;
const CHECKPOINT = /^(\d{20})\.checkpoint\.parquet$/;
const CHECKPOINT_PART = /^(\d{20})\.checkpoint\.(\d{10})\.(\d{10})\.parquet$/;
const CHECKPOINT_UUID =
  /^(\d{20})\.checkpoint\.[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\.(json|parquet)$/;

/** The version of a `_delta_log` file name that is a JSON commit (`00000000000000000042.json`), else null. */
export function commitVersionOf(name: string): number | null {
  const match = COMMIT.exec(name);
  return match ? Number(match[1]) : null;
}

/** Parsed commits are immutable once written; keep them, keyed by path and checked by size and time. */
const parsedCommits = new Map<string, { size: number; modified: number; commit: Commit }>();

/** One table's `_delta_log`: list it, read commits (cached), write a commit only if its version is free. */
export class DeltaLog {
  readonly folder: string;

  constructor(
    private readonly storage: Storage,
    readonly tableFolder: string,
  ) {
    this.folder = joinPath(tableFolder, '_delta_log');
  }

  /** Path of a file inside the log folder. */
  path(name: string): string {
    return joinPath(this.folder, name);
  }

  async list(): Promise<LogListing> {
    const files = await this.storage.list(this.folder);
    const commits = new Map<number, FileInfo>();
    const parts = new Map<string, { version: number; total: number; paths: string[] }>();
    const checkpoints = new Map<number, string[]>();
    for (const file of files) {
      const name = file.path.slice(this.folder.length + 1);
      let match = COMMIT.exec(name);
      if (match) {
        commits.set(Number(match[1]), file);
        continue;
      }
      match = CHECKPOINT.exec(name) ?? CHECKPOINT_UUID.exec(name);
      if (match) {
        // Several checkpoints of one version hold the same state: any of them will do.
        checkpoints.set(Number(match[1]), [file.path]);
        continue;
      }
      match = CHECKPOINT_PART.exec(name);
      if (match) {
        // Parts of one attempt share their total; a checkpoint with a part missing is ignored.
        const key = `${match[1]}/${match[3]}`;
        const entry = parts.get(key) ?? { version: Number(match[1]), total: Number(match[3]), paths: [] };
        entry.paths.push(file.path);
        parts.set(key, entry);
      }
    }
    for (const { version, total, paths } of parts.values()) {
      if (paths.length === total && !checkpoints.has(version)) checkpoints.set(version, paths.sort());
    }
    return { versions: [...commits.keys()].sort((a, b) => a - b), commits, checkpoints };
  }

  /** Read and parse one commit; `info` (from a listing or stat) lets a cached parse be reused. */
  async readCommit(version: number, info?: FileInfo | null): Promise<Commit> {
    const path = this.path(commitFileName(version));
    const stat = info ?? (await this.storage.stat(path));
    const cached = parsedCommits.get(path);
    if (cached && stat && cached.size === stat.size && cached.modified === stat.modified)
      return cached.commit;
    const bytes = await this.storage.read(path);
    const commit = parseCommit(version, new TextDecoder().decode(bytes), stat?.modified ?? 0, path);
    if (stat) parsedCommits.set(path, { size: stat.size, modified: stat.modified, commit });
    return commit;
  }

  /** Size and time of a commit file, or null when that version does not exist. */
  statCommit(version: number): Promise<FileInfo | null> {
    return this.storage.stat(this.path(commitFileName(version)));
  }

  /** Write a commit unless its version exists; false means another writer took the version. */
  writeCommit(version: number, actions: Action[]): Promise<boolean> {
    return this.storage.writeIfAbsent(this.path(commitFileName(version)), serializeCommit(actions));
  }

  /** The `_last_checkpoint` hint, or null when absent or unreadable. */
  async lastCheckpoint(): Promise<LastCheckpoint | null> {
    try {
      const text = new TextDecoder().decode(await this.storage.read(this.path('_last_checkpoint')));
      const parsed = JSON.parse(text) as LastCheckpoint;
      return typeof parsed.version === 'number' ? parsed : null;
    } catch {
      return null;
    }
  }

  /** Record the newest checkpoint, unless a newer one is recorded already. */
  async writeLastCheckpoint(hint: LastCheckpoint): Promise<void> {
    const current = await this.lastCheckpoint();
    if (current && current.version >= hint.version) return;
    await this.storage.write(this.path('_last_checkpoint'), new TextEncoder().encode(JSON.stringify(hint)));
  }
}

/** Forget every cached parse (after a reset). */
export function clearCommitCache(): void {
  parsedCommits.clear();
}
