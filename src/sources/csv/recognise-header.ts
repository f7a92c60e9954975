import { OLIST_FILES, type OlistFileSpec } from '../olist-files';

/** A header that is one of the nine Olist files (perhaps with extra columns, in any order). */
export interface RecognisedHeader {
  kind: 'olist';
  spec: OlistFileSpec;
  /** For each header position, the index of its Bronze column, or -1 for a column Bronze lacks. */
  mapping: number[];
  /** Header names with no Bronze column: their values go to `_rescued_data`. */
  extraColumns: string[];
}

/** A header close to one Olist file but without some of its columns. */
export interface MissingColumnsHeader {
  kind: 'missing-columns';
  spec: OlistFileSpec;
  missing: string[];
}

/** A header naming one column twice. */
export interface DuplicateColumnHeader {
  kind: 'duplicate-column';
  spec: OlistFileSpec;
  name: string;
}

/** A header that is none of the nine files. */
export interface UnrecognisedHeader {
  kind: 'unrecognised';
}

/** What a header says the file is. */
export type HeaderRecognition =
  RecognisedHeader | MissingColumnsHeader | DuplicateColumnHeader | UnrecognisedHeader;

/** Header names as a file has them, trimmed; an empty name becomes `_c<position>` (1-based). */
export function cleanHeader(names: readonly string[]): string[] {
  return names.map((name, i) => {
    const trimmed = name.trim();
    return trimmed === '' ? `_c${i + 1}` : trimmed;
  });
}

/**
 * Recognise a file by its header: the Olist file whose columns it has (exactly, or ignoring case),
 * or the one it nearly is (at least half of the columns, two or more) so the user hears which
 * column is missing, or nothing.
 */
export function recogniseHeader(header: readonly string[]): HeaderRecognition {
  const names = cleanHeader(header);
  const lower = names.map((n) => n.toLowerCase());
  let best: { spec: OlistFileSpec; present: number; fraction: number } | null = null;
  for (const spec of OLIST_FILES) {
    const present = spec.columns.filter((c) => lower.includes(c)).length;
    const fraction = present / spec.columns.length;
    const better =
      !best || fraction > best.fraction || (fraction === best.fraction && present > best.present);
    if (better) best = { spec, present, fraction };
  }
  if (!best || best.present < 2 || best.fraction < 0.5) return { kind: 'unrecognised' };
  const { spec } = best;
  const missing = spec.columns.filter((c) => !lower.includes(c));
  if (missing.length > 0) return { kind: 'missing-columns', spec, missing };
  const mapping = lower.map((name) => spec.columns.indexOf(name));
  for (let i = 0; i < mapping.length; i++) {
    if (mapping[i] >= 0 && mapping.indexOf(mapping[i]) !== i) {
      return { kind: 'duplicate-column', spec, name: spec.columns[mapping[i]] };
    }
  }
  const extraColumns = names.filter((_, i) => mapping[i] < 0);
  return { kind: 'olist', spec, mapping, extraColumns };
}
