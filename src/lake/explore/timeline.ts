import type { Commit } from '../delta/actions';
import { recordsOf } from '../delta/stats';
import { formatCommitTime } from '../time';
import type { TimelineEntry } from './explore-types';
import { baseFiles, type ReadLog } from './log-commits';

/** One timeline entry per commit still in the log, oldest first. */
export function timelineOf(read: ReadLog): TimelineEntry[] {
  // Rows of every file ever added, so a remove (which carries no stats) can say how many rows went.
  const rowsByPath = new Map<string, number | null>();
  for (const [path, add] of baseFiles(read)) rowsByPath.set(path, recordsOf(add));
  return read.commits.map((commit) => {
    const rowsRemoved = sumOrNull(commit.removes.map((r) => rowsByPath.get(r.path) ?? null));
    for (const add of commit.adds) rowsByPath.set(add.path, recordsOf(add));
    return entryOf(commit, rowsRemoved);
  });
}

function entryOf(commit: Commit, rowsRemoved: number | null): TimelineEntry {
  const info = commit.commitInfo ?? {};
  const changes = [...commit.adds, ...commit.removes];
  return {
    version: commit.version,
    timestamp: formatCommitTime(commit.timestamp),
    operation: typeof info.operation === 'string' ? info.operation : 'UNKNOWN',
    operationParameters: info.operationParameters ?? {},
    operationMetrics: numericMetrics(info.operationMetrics ?? {}),
    filesAdded: commit.adds.length,
    filesRemoved: commit.removes.length,
    bytesAdded: commit.adds.reduce((sum, a) => sum + a.size, 0),
    rowsAdded: sumOrNull(commit.adds.map(recordsOf)),
    rowsRemoved,
    dataChange: changes.length === 0 || changes.some((c) => c.dataChange !== false),
    changesMetadata: commit.metaData !== undefined || commit.protocol !== undefined,
  };
}

/** Delta writes metrics as integer strings; keep the ones that are numbers. */
export function numericMetrics(metrics: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(metrics)) {
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    if (Number.isFinite(n)) out[key] = n;
  }
  return out;
}

function sumOrNull(values: (number | null)[]): number | null {
  let sum = 0;
  for (const v of values) {
    if (v === null) return null;
    sum += v;
  }
  return sum;
}
