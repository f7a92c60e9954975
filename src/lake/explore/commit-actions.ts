import { commitFileName, parseActionLines } from '../delta/actions';
import type { DeltaLog } from '../delta/log';
import { versionNotFound } from '../errors';
import type { Storage } from '../storage/types';
import type { CommitActions } from './explore-types';

/** The actions of one commit file, each line parsed, with the file's own text. */
export async function readCommitActions(
  storage: Storage,
  log: DeltaLog,
  table: string,
  version: number,
): Promise<CommitActions> {
  const path = log.path(commitFileName(version));
  if (!Number.isInteger(version) || version < 0 || !(await storage.stat(path))) {
    const { versions } = await log.list();
    throw versionNotFound(table, version, versions[0] ?? 0, versions.at(-1) ?? -1);
  }
  const raw = new TextDecoder().decode(await storage.read(path));
  const actions = parseActionLines(raw, path);
  return { version, raw, actions };
}
