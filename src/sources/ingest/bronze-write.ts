import { formatTimestamp } from '../../engine/arrow-ipc';
import { quoteIdent, quoteQualified } from '../../engine/sql-quote';
import type { CommitResult, LakeApi } from '../../lake/lake-api';
import type { StagedIngestion } from '../csv/read-csv-stage';
import { INGESTED_FILES_PARAM, type IngestedFile } from '../landing/ingest-checkpoint';

/** The DuckDB table a file is read into before its Bronze commit (one ingestion runs at a time). */
export const STAGED_TABLE = 'main.__sources_staged';

/** What one Bronze commit appends. */
export interface BronzeAppend {
  table: string;
  columns: readonly string[];
  /** The landing path every row came from, or null when the staged table has `_source_file`. */
  sourceFile: string | null;
  files: Array<Omit<IngestedFile, 'version'>>;
  /** Idempotence key (see WriteOptions.txn): skipped at or below a recorded version, or a compare-and-set. */
  txn: { appId: string; version: number; previous?: number };
  source: string;
  /** The ingestion columns the staged table holds already, if any (`read_csv` staged them). */
  staged?: StagedIngestion;
}

/**
 * Append the staged rows to a Bronze table in one Delta commit: the source columns, the landing
 * path, the ingestion time (UTC, zone-less) and `_rescued_data`. The commit names its landing
 * files (path, SHA-256, rows) and carries a Delta `txn`, so "which files are in Bronze" is
 * decided by the same atomic commit that adds the rows.
 *
 * When the staged table holds the ingestion columns already (`read_csv` staged them under the
 * landing path the file then got), it holds exactly the Bronze rows, and the write takes it over
 * as its rows (`adoptTable`) instead of copying every row once more. Otherwise (events, our
 * parser, a landing name another writer took first) the columns are added by the write's query,
 * as bound values. The write drops an adopted table; the caller drops the staged table anyway.
 */
export function appendStaged(lake: LakeApi, append: BronzeAppend): Promise<CommitResult> {
  const staged = quoteQualified(STAGED_TABLE);
  const adopt = append.staged !== undefined && append.staged.sourceFile === append.sourceFile;
  const source = adopt || append.sourceFile === null ? quoteIdent('_source_file') : '?::VARCHAR';
  const ingestedAt = adopt ? quoteIdent('_ingested_at') : '?::TIMESTAMP';
  const sql = `select ${append.columns.map(quoteIdent).join(', ')}, ${source} as _source_file,
                      ${ingestedAt} as _ingested_at, _rescued_data
               from ${staged}`;
  const now = formatTimestamp(Date.now());
  const params = adopt ? [] : append.sourceFile === null ? [now] : [append.sourceFile, now];
  return lake.write(append.table, {
    mode: 'append',
    sql,
    params,
    ...(adopt ? { adoptTable: staged } : {}),
    operation: 'STREAMING UPDATE',
    operationParameters: {
      outputMode: 'Append',
      source: append.source,
      [INGESTED_FILES_PARAM]: JSON.stringify(append.files),
    },
    commitInfoExtra: { [INGESTED_FILES_PARAM]: append.files },
    txn: append.txn,
  });
}
