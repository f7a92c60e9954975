import type { AddFile, Commit } from '../delta/actions';
import type { DeltaLog, LogListing } from '../delta/log';
import type { Snapshot } from '../delta/snapshot';
import type { Snapshots } from '../delta/snapshots';

/** A table's log read whole: the base a replay starts from, and every commit after it, in order. */
export interface ReadLog {
  listing: LogListing;
  /** The checkpoint snapshot the replay starts from, when the JSON commits do not start at version 0. */
  base: Snapshot | null;
  /** Every JSON commit still in the log, ascending (also those at or before the base). */
  commits: Commit[];
}

/**
 * Read every commit of a table folder's log (parsed commits are cached). A log whose oldest JSON
 * commits were cleaned up (tables written by Spark keep ~30 days) starts from the oldest checkpoint
 * that the remaining commits continue.
 */
export async function readLog(snapshots: Snapshots, log: DeltaLog): Promise<ReadLog> {
  const listing = await log.list();
  const commits = await Promise.all(listing.versions.map((v) => log.readCommit(v, listing.commits.get(v))));
  const first = listing.versions[0];
  let base: Snapshot | null = null;
  if (first !== undefined && first > 0) {
    const start = [...listing.checkpoints.keys()].filter((v) => v >= first - 1).sort((a, b) => a - b)[0];
    if (start !== undefined) base = await snapshots.at(log.tableFolder, start, listing);
  }
  return { listing, base, commits };
}

/** Commits after the base, in order: those a replay applies. */
export function commitsAfterBase(read: ReadLog): Commit[] {
  const from = read.base ? read.base.version + 1 : 0;
  return read.commits.filter((c) => c.version >= from);
}

/** The files of the base snapshot, by log path. */
export function baseFiles(read: ReadLog): Map<string, AddFile> {
  return new Map(read.base?.files ?? []);
}
