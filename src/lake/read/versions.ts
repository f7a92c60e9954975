import { LakehouseError } from '../../engine/errors';
import type { DeltaLog, LogListing } from '../delta/log';
import { versionNotFound } from '../errors';
import type { VersionSpec } from '../lake-api';
import { formatCommitTime, parseUserTimestamp } from '../time';

/**
 * The versions a table can be read at: from the first reconstructable one to the latest. After log
 * cleanup the oldest commits are gone; a version can be read from a checkpoint at or before it
 * when every commit after that checkpoint is still there.
 */
export function versionRange(listing: LogListing): { first: number; latest: number } | null {
  const latest = listing.versions.at(-1);
  if (latest === undefined) return null;
  let unbroken = latest; // the oldest version from which every commit up to the latest exists
  while (listing.commits.has(unbroken - 1)) unbroken--;
  if (unbroken === 0) return { first: 0, latest };
  const usable = [...listing.checkpoints.keys()].filter((c) => c >= unbroken - 1 && c <= latest);
  return { first: usable.length > 0 ? Math.min(...usable) : latest, latest };
}

/** Turn a version or a timestamp into a version number of the table, with errors a user can act on. */
export async function resolveVersion(
  log: DeltaLog,
  listing: LogListing,
  table: string,
  spec: Exclude<VersionSpec, undefined>,
): Promise<number> {
  const range = versionRange(listing)!;
  if ('version' in spec) {
    const { version } = spec;
    if (!Number.isInteger(version) || version < range.first || version > range.latest)
      throw versionNotFound(table, version, range.first, range.latest);
    return version;
  }
  const wanted = parseUserTimestamp(spec.timestamp);
  const timeOf = async (v: number) => (await log.readCommit(v, listing.commits.get(v))).timestamp;
  const available = listing.versions.filter((v) => v >= range.first);
  const firstTime = await timeOf(available[0]);
  if (wanted < firstTime) {
    throw new LakehouseError(
      'TimestampBeforeFirstVersion',
      `${table} has no version at or before ${formatCommitTime(wanted)}: its first version (${available[0]}) ` +
        `was committed at ${formatCommitTime(firstTime)}. Use a later timestamp.`,
      { table, timestamp: spec.timestamp, firstVersion: available[0], firstTimestamp: firstTime },
    );
  }
  // Commit times only grow (each commit is stamped after the previous one): binary search.
  let low = 0;
  let high = available.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if ((await timeOf(available[mid])) <= wanted) low = mid;
    else high = mid - 1;
  }
  return available[low];
}
