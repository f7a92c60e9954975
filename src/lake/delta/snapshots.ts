import type { ParquetCodec } from '../../engine/parquet-codec';
import { joinPath, type FileInfo, type Storage } from '../storage/types';
import { decodeLogPath, type Commit } from './actions';
import {
  emptyCheckpoint,
  readCheckpointJson,
  readCheckpointParquet,
  type CheckpointActions,
} from './checkpoint';
import { DeltaLog, type LastCheckpoint, type LogListing } from './log';
import { replay, type Snapshot } from './snapshot';

/**
 * Builds snapshots of tables and keeps the latest of each, so that following a table's new
 * versions costs two `stat` calls and the new commits, not a replay of the whole log.
 */
export class Snapshots {
  private readonly latestByFolder = new Map<string, Snapshot>();

  constructor(
    private readonly storage: Storage,
    private readonly parquet: ParquetCodec,
  ) {}

  log(folder: string): DeltaLog {
    return new DeltaLog(this.storage, folder);
  }

  /** The latest snapshot of the table in `folder`, or null when there is no table there. */
  async latest(folder: string): Promise<Snapshot | null> {
    const log = this.log(folder);
    const cached = this.latestByFolder.get(folder);
    if (cached) {
      const stat = await log.statCommit(cached.version);
      if (stat && stampOf(stat) === cached.stamp) {
        const version = await this.probe(log, cached.version);
        const snapshot = version === cached.version ? cached : await this.advance(log, cached, version);
        this.latestByFolder.set(folder, snapshot);
        return snapshot;
      }
      this.latestByFolder.delete(folder);
    }
    const opened = await this.open(log);
    if (opened) this.latestByFolder.set(folder, opened);
    return opened;
  }

  /** The snapshot at one version (which the caller has checked exists). */
  async at(folder: string, version: number, listing?: LogListing): Promise<Snapshot> {
    const log = this.log(folder);
    const cached = this.latestByFolder.get(folder);
    if (cached && cached.version === version) return cached;
    if (cached && cached.version < version) return this.advance(log, cached, version);
    const list = listing ?? (await log.list());
    const checkpoint = [...list.checkpoints.keys()].filter((v) => v <= version).sort((a, b) => b - a)[0];
    const base =
      checkpoint === undefined ? null : await this.readCheckpointAt(list.checkpoints.get(checkpoint)!);
    const from = checkpoint === undefined ? 0 : checkpoint + 1;
    const commits = await this.readCommits(log, from, version, list.commits);
    const stat = list.commits.get(version) ?? (await log.statCommit(version));
    return replay(folder, base, commits, {
      version,
      timestamp: commits.at(-1)?.timestamp ?? stat?.modified ?? 0,
      stamp: stat ? stampOf(stat) : '',
    });
  }

  /** Forget cached snapshots (of one table, or all). */
  forget(folder?: string): void {
    if (folder === undefined) this.latestByFolder.clear();
    else this.latestByFolder.delete(folder);
  }

  /** Remember a snapshot a writer just built from its own commit. */
  remember(snapshot: Snapshot): void {
    const cached = this.latestByFolder.get(snapshot.folder);
    if (!cached || cached.version < snapshot.version) this.latestByFolder.set(snapshot.folder, snapshot);
  }

  /** First open: start from `_last_checkpoint` when there is one, else list the log. */
  private async open(log: DeltaLog): Promise<Snapshot | null> {
    const hint = await log.lastCheckpoint();
    if (hint) {
      const paths = checkpointPaths(log, hint);
      const present = await Promise.all(paths.map((p) => this.storage.stat(p)));
      if (present.every((s) => s !== null)) {
        const version = await this.probe(log, hint.version);
        const base = await this.readCheckpointAt(paths);
        const commits = await this.readCommits(log, hint.version + 1, version);
        const stat = await log.statCommit(version);
        return replay(log.tableFolder, base, commits, {
          version,
          timestamp: commits.at(-1)?.timestamp ?? stat?.modified ?? 0,
          stamp: stat ? stampOf(stat) : '',
        });
      }
    }
    const listing = await log.list();
    const latest = listing.versions.at(-1);
    if (latest === undefined) return null;
    return this.at(log.tableFolder, latest, listing);
  }

  private async advance(log: DeltaLog, from: Snapshot, version: number): Promise<Snapshot> {
    const commits = await this.readCommits(log, from.version + 1, version);
    const stat = await log.statCommit(version);
    return replay(log.tableFolder, from, commits, {
      version,
      timestamp: commits.at(-1)?.timestamp ?? from.timestamp,
      stamp: stat ? stampOf(stat) : '',
    });
  }

  /** The highest version reachable from `version` by checking version+1, version+2, … exist. */
  private async probe(log: DeltaLog, version: number): Promise<number> {
    let latest = version;
    while (await log.statCommit(latest + 1)) latest++;
    return latest;
  }

  private async readCommits(
    log: DeltaLog,
    from: number,
    to: number,
    infos?: Map<number, FileInfo>,
  ): Promise<Commit[]> {
    const versions = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
    return Promise.all(versions.map((v) => log.readCommit(v, infos?.get(v))));
  }

  /** Read a checkpoint's files (JSON or Parquet), then the sidecars a v2 checkpoint names. */
  private async readCheckpointAt(paths: string[]): Promise<CheckpointActions> {
    const actions = emptyCheckpoint();
    for (const path of paths) {
      const bytes = await this.storage.read(path);
      if (path.endsWith('.json')) readCheckpointJson(new TextDecoder().decode(bytes), path, actions);
      else readCheckpointParquet(this.parquet, bytes, actions);
    }
    const logFolder = paths[0].slice(0, paths[0].lastIndexOf('/'));
    for (const sidecar of actions.sidecars.splice(0)) {
      const name = decodeLogPath(sidecar.path);
      // Sidecars live in _delta_log/_sidecars/; the log normally names only the file.
      const file = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
      readCheckpointParquet(
        this.parquet,
        await this.storage.read(joinPath(logFolder, '_sidecars', file)),
        actions,
      );
    }
    return actions;
  }
}

/** Identity of a commit file: its size and modification time. */
export function stampOf(info: FileInfo): string {
  return `${info.size}:${info.modified}`;
}

/** The files of the checkpoint `_last_checkpoint` points at: UUID-named, classic or multi-part. */
function checkpointPaths(log: DeltaLog, hint: LastCheckpoint): string[] {
  const { version, parts } = hint;
  const v = String(version).padStart(20, '0');
  const v2 = hint.v2Checkpoint?.path;
  if (typeof v2 === 'string' && v2.length > 0) return [log.path(decodeLogPath(v2).split('/').pop()!)];
  if (!parts || parts <= 1) return [log.path(`${v}.checkpoint.parquet`)];
  return Array.from({ length: parts }, (_, i) =>
    log.path(`${v}.checkpoint.${String(i + 1).padStart(10, '0')}.${String(parts).padStart(10, '0')}.parquet`),
  );
}
