import { commitFileName } from '../../lake/delta/actions';
import { commitVersionOf } from '../../lake/delta/log';
import { LAKE_ROOT, logFolder, parseTableName } from '../../lake/names';
import { joinPath, type Storage } from '../../lake/storage/types';

/** One commit of a table's Delta log: its version and when its file was written (epoch ms). */
export interface LogCommit {
  version: number;
  modified: number;
}

/**
 * A table's Delta log as it stands in storage, read without the engine (on the page, while the
 * engine worker starts). A commit file is never rewritten, so a version and its file's time name
 * one commit: after a reset, a version written again has another time.
 */
export interface LogHeads {
  /** The table's newest commit, or null when it has none (or is not in this lake). */
  newest(table: string): Promise<LogCommit | null>;
  /** The commit of one version, or null when that version's file does not exist. */
  commit(table: string, version: number): Promise<LogCommit | null>;
}

/** The Delta logs of the lake in `storage` (the browser's: OpfsStorage, read from the page). */
export function storageLogHeads(storage: Pick<Storage, 'list' | 'stat'>, root = LAKE_ROOT): LogHeads {
  const folderOf = (table: string) => logFolder(root, parseTableName(table));
  return {
    async newest(table) {
      const folder = folderOf(table);
      let newest: LogCommit | null = null;
      for (const file of await storage.list(folder)) {
        const version = commitVersionOf(file.path.slice(folder.length + 1));
        if (version !== null && version > (newest?.version ?? -1))
          newest = { version, modified: file.modified };
      }
      return newest;
    },
    async commit(table, version) {
      const file = await storage.stat(joinPath(folderOf(table), commitFileName(version)));
      return file ? { version, modified: file.modified } : null;
    },
  };
}
