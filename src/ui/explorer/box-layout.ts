import type { FileHistory, FileRecord, SkippingPlan } from '../../lake/explore/explore-types';
import { liveAt } from '../../lake/explore/file-history';
import { axisKindOf, axisValue, fraction, textAlphabet } from './value-axis';

/**
 * How a data file stands at the version looked at: live (the version reads it), removed (a later
 * commit replaced it; kept for time travel until VACUUM), or missing (the version needs it, but
 * VACUUM deleted it).
 */
export type BoxState = 'live' | 'removed' | 'missing';

/** One data file drawn as a box. */
export interface FileBox {
  path: string;
  /** The file name without its folder and the `part-` prefix's uuid tail, for the label. */
  shortName: string;
  partition: string;
  size: number;
  rows: number | null;
  state: BoxState;
  /** Width relative to the largest file the log knows, in [0, 1]: the same scale before and after. */
  relativeSize: number;
  /** The chosen column's min–max as fractions of the axis; null when the file has no stats for it. */
  range: { start: number; end: number } | null;
  rangeText: string;
  /** With a skipping plan: whether the scan read the file (true) or skipped it (false). */
  read: boolean | null;
  /** The version that added the file (null: before the oldest commit in the log). */
  addedIn: number | null;
}

/** The boxes of a version, with the axis of the chosen column. */
export interface BoxLayout {
  boxes: FileBox[];
  /** Files beyond `maxBoxes`, not drawn. */
  hidden: number;
  axis: { min: string; max: string } | null;
  counts: Record<BoxState, number>;
}

/**
 * Lay out the files of a table's log at one version: the files the log has added by then, except
 * removed ones VACUUM has deleted. Sizes and the column's axis span every file of the log, so two
 * versions (or the same version before and after a VACUUM) are drawn on the same scale.
 */
export function layoutBoxes(
  history: FileHistory,
  version: number,
  column: string | null,
  plan: SkippingPlan | null = null,
  maxBoxes = 120,
): BoxLayout {
  const { bounds, min, max, minText, maxText } = axisOf(history, column);
  const largest = Math.max(1, ...history.files.map((f) => f.size));
  const read = plan ? new Set(plan.read) : null;
  const skipped = plan ? new Set(plan.skipped) : null;
  const drawn: FileBox[] = [];
  for (const file of history.files) {
    const state = stateAt(file, version);
    if (!state) continue;
    const range = bounds(file);
    drawn.push({
      path: file.path,
      shortName: shortName(file.path),
      partition: Object.entries(file.partitionValues)
        .map(([k, v]) => `${k}=${v ?? 'null'}`)
        .join('/'),
      size: file.size,
      rows: file.numRecords,
      state,
      relativeSize: file.size / largest,
      range: range ? { start: fraction(range.a, min, max), end: fraction(range.b, min, max) } : null,
      rangeText: range ? `${String(range.low)} – ${String(range.high)}` : 'no stats',
      read: read?.has(file.path) ? true : skipped?.has(file.path) ? false : null,
      addedIn: file.live[0]?.from ?? null,
    });
  }
  drawn.sort((x, y) => (x.addedIn ?? -1) - (y.addedIn ?? -1) || x.path.localeCompare(y.path));
  const counts: Record<BoxState, number> = { live: 0, removed: 0, missing: 0 };
  for (const box of drawn) counts[box.state]++;
  return {
    boxes: drawn.slice(0, maxBoxes),
    hidden: Math.max(0, drawn.length - maxBoxes),
    axis: Number.isFinite(min) ? { min: clip(minText), max: clip(maxText) } : null,
    counts,
  };
}

/** How a file stands at a version, or null when it is not drawn (not added yet, or removed and vacuumed). */
export function stateAt(file: FileRecord, version: number): BoxState | null {
  const addedBy = file.live.some((s) => s.from === null || s.from <= version);
  if (!addedBy) return null;
  if (liveAt(file, version)) return file.present ? 'live' : 'missing';
  return file.present ? 'removed' : null;
}

/** `event_date=2018-01-02/part-00003-1b2c3d4e-…-c000.zstd.parquet` → `1b2c3d4e` (the file's own id). */
export function shortName(path: string): string {
  const name = path.split('/').at(-1) ?? path;
  const part = /^part-\d+-([0-9a-f]{8})/i.exec(name);
  return part ? part[1] : name.length > 18 ? `${name.slice(0, 16)}…` : name;
}

/** An axis end short enough for a label. */
function clip(text: string): string {
  return text.length > 14 ? `${text.slice(0, 12)}…` : text;
}

/**
 * Where a value (a lookup's customer, say) lies on the axis the boxes of `column` are drawn on, as
 * a fraction in [0, 1]; null when it cannot be placed or lies outside every file's range.
 */
export function pointOnAxis(history: FileHistory, column: string, value: unknown): number | null {
  const { place, min, max } = axisOf(history, column);
  const at = place(value);
  if (at === null || !Number.isFinite(min) || at < min || at > max) return null;
  return fraction(at, min, max);
}

/** The axis of a column over every file of the log: how a value is placed, and its ends. */
function axisOf(history: FileHistory, column: string | null) {
  const type = history.columns.find((c) => c.name === column)?.type ?? '';
  const kind = axisKindOf(type);
  const isPartition = column !== null && history.partitionColumns.includes(column);
  const ends = (file: FileRecord) => {
    if (column === null) return null;
    const low = isPartition ? file.partitionValues[column] : file.minValues[column];
    const high = isPartition ? file.partitionValues[column] : file.maxValues[column];
    return low === null || low === undefined || high === null || high === undefined ? null : { low, high };
  };
  const alphabet =
    kind === 'text'
      ? textAlphabet(history.files.flatMap((f) => Object.values(ends(f) ?? {}).map(String)))
      : undefined;
  const place = (value: unknown) => axisValue(kind, value, alphabet);
  const bounds = (file: FileRecord) => {
    const pair = ends(file);
    if (!pair) return null;
    const a = place(pair.low);
    const b = place(pair.high);
    return a === null || b === null ? null : { a, b, low: pair.low, high: pair.high };
  };
  let min = Infinity;
  let max = -Infinity;
  let minText = '';
  let maxText = '';
  for (const file of history.files) {
    const range = bounds(file);
    if (!range) continue;
    if (range.a < min) [min, minText] = [range.a, String(range.low)];
    if (range.b > max) [max, maxText] = [range.b, String(range.high)];
  }
  return { place, bounds, min, max, minText, maxText };
}
