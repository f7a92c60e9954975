import type { TimelineEntry } from '../../lake/explore/explore-types';

/** What a version did, in short words for its place on the timeline. */
export interface VersionFacts {
  /** `+1 −4 files` */
  files: string;
  /** `+240 −240 rows`, or `rows ?` when a file has no stats. */
  rows: string;
  /** A note for versions that change no rows or change the table's shape, else ''. */
  note: string;
}

/** Summarise a timeline entry. */
export function versionFacts(entry: TimelineEntry): VersionFacts {
  const files = `+${entry.filesAdded} −${entry.filesRemoved} ${entry.filesAdded + entry.filesRemoved === 1 ? 'file' : 'files'}`;
  const rows =
    entry.rowsAdded === null || entry.rowsRemoved === null
      ? 'rows ?'
      : `+${compact(entry.rowsAdded)} −${compact(entry.rowsRemoved)} rows`;
  let note = '';
  if (!entry.dataChange) note = 'same rows, new files';
  else if (entry.filesAdded + entry.filesRemoved === 0) note = entry.changesMetadata ? 'schema' : 'no files';
  else if (entry.changesMetadata) note = 'schema set';
  return { files, rows, note };
}

/** 1234 → `1,234`; 12345 → `12.3k`; 1234567 → `1.2M`. */
export function compact(n: number): string {
  if (n < 10_000) return n.toLocaleString('en-US');
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** The first column the latest OPTIMIZE … ZORDER BY ordered by, when the boxes can draw it. */
export function zorderColumn(timeline: TimelineEntry[], columns: string[]): string | null {
  for (const entry of [...timeline].reverse()) {
    const raw = entry.operationParameters.zOrderBy;
    if (entry.operation !== 'OPTIMIZE' || typeof raw !== 'string') continue;
    try {
      const first = (JSON.parse(raw) as unknown[])[0];
      if (typeof first === 'string' && columns.includes(first)) return first;
    } catch {
      // not a JSON list: written by another engine
    }
  }
  return null;
}
