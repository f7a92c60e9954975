import type { CommitResult } from '../../lake/lake-api';

/** What happened to one file. */
export type IngestStatus = 'ingested' | 'already ingested' | 'unrecognised' | 'failed';

/** One row of the report the user sees after an upload, a generation or a simulator run. */
export interface IngestFileReport {
  /** The file as the user knows it: `x.csv`, `x.csv.gz`, `olist.zip › dir/x.csv`, a landing path. */
  file: string;
  /** The Bronze table it became (or would have become), if recognised. */
  table: string | null;
  /** Rows written to Bronze by this call. */
  rows: number;
  /** Size of the file (uncompressed). */
  bytes: number;
  ms: number;
  status: IngestStatus;
  /** What went wrong, or something worth knowing (a spreadsheet export, rescued rows). */
  message?: string;
  /** The header, for a file that was not recognised or lacks columns. */
  header?: string[];
  /** Where the file landed. */
  landingPath?: string;
  /** The Bronze version that holds it. */
  version?: number;
  /** Rows that kept something in `_rescued_data`. */
  rescuedRows?: number;
  /** Where the time went, for the benchmark's profile (not shown to the user). */
  timings?: IngestTimings;
}

/**
 * One file's ingestion by step (ms): reading the upload, SHA-256, the checks before reading
 * (encoding, header), reading into the staged table (the quoting scan and DuckDB's `read_csv`, or
 * our parser when it fell back), landing the bytes, the Bronze commit (with the lake's own split)
 * and recording it in the ingestion cache.
 */
export interface IngestTimings {
  /** Reading the upload (and unpacking it) before its ingestion began. */
  readMs?: number;
  hashMs: number;
  checkMs: number;
  stageMs: number;
  stagedWith: 'read_csv' | 'parser';
  landMs: number;
  commitMs: number;
  commit: NonNullable<CommitResult['timings']>;
  recordMs: number;
}

/** True when a report row means the file is now in Bronze (this time or before). */
export function isInBronze(report: IngestFileReport): boolean {
  return report.status === 'ingested' || report.status === 'already ingested';
}
