import { logOf, type LakeContext } from '../context';
import { tableNotFound } from '../errors';
import type { HistoryEntry } from '../lake-api';
import type { TableName } from '../names';
import { formatCommitTime } from '../time';

/** DESCRIBE HISTORY: one entry per commit still in the log, newest first. */
export async function history(
  context: LakeContext,
  table: TableName,
  limit?: number,
): Promise<HistoryEntry[]> {
  const log = logOf(context, table);
  const listing = await log.list();
  if (listing.versions.length === 0) throw tableNotFound(table.full);
  const versions = [...listing.versions].reverse().slice(0, limit ?? listing.versions.length);
  const commits = await Promise.all(versions.map((v) => log.readCommit(v, listing.commits.get(v))));
  return commits.map((commit) => {
    const info = commit.commitInfo ?? {};
    return {
      version: commit.version,
      timestamp: formatCommitTime(commit.timestamp),
      operation: info.operation ?? 'UNKNOWN',
      operationParameters: info.operationParameters ?? {},
      operationMetrics: Object.fromEntries(
        Object.entries(info.operationMetrics ?? {})
          .map(([k, v]) => [k, Number(v)] as const)
          .filter(([, v]) => Number.isFinite(v)),
      ),
      readVersion: typeof info.readVersion === 'number' ? info.readVersion : null,
      isBlindAppend: typeof info.isBlindAppend === 'boolean' ? info.isBlindAppend : null,
      engineInfo: typeof info.engineInfo === 'string' ? info.engineInfo : null,
    };
  });
}
