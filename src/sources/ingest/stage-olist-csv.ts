import { quoteQualified } from '../../engine/sql-quote';
import { canRegisterFiles, type SqlEngine } from '../../engine/types';
import { stageWithReadCsv, type StagedIngestion } from '../csv/read-csv-stage';
import { CsvFileProblem, readOlistCsv } from '../csv/read-olist-csv';
import { readHeader } from '../csv/read-header';
import type { RecognisedHeader } from '../csv/recognise-header';
import { decodeText, type TextEncodingName } from '../csv/text-encoding';
import type { OlistFileSpec } from '../olist-files';
import {
  binaryFile,
  duplicateColumn,
  emptyFile,
  IngestProblem,
  missingColumns,
  unrecognisedFile,
} from './ingest-problem';

/** An Olist CSV read into a DuckDB table, ready to be committed to Bronze. */
export interface StagedCsv {
  spec: OlistFileSpec;
  rows: number;
  rescuedRows: number;
  header: string[];
  encoding: TextEncodingName;
  delimiter: string;
  /** Said to the user when the file was read in a way worth knowing (a spreadsheet export). */
  note?: string;
  /** ms of the checks before reading and of the reading, and which reader read it. */
  timings: { checkMs: number; stageMs: number; stagedWith: 'read_csv' | 'parser' };
  /** The ingestion columns the staged table holds (`read_csv` staged them), if any. */
  ingestion?: StagedIngestion;
}

/** Progress and cancellation hooks of a long read. */
export interface StageHooks {
  onProgress?(bytesDone: number, bytesTotal: number, rows: number): void;
  checkpoint?(): Promise<void>;
  /** Bronze's ingestion columns, staged with the rows when DuckDB's `read_csv` reads the file. */
  ingestion?: StagedIngestion;
}

/**
 * Check a file's bytes, recognise it by its header and read it into the DuckDB table `into`
 * (all VARCHAR, Bronze column order, `_rescued_data` last). Throws IngestProblem with the
 * user's message when the file cannot be ingested; `into` is then left absent.
 */
export async function stageOlistCsv(
  engine: SqlEngine,
  file: string,
  bytes: Uint8Array,
  into: string,
  hooks: StageHooks = {},
): Promise<StagedCsv> {
  const started = performance.now();
  const content = decodeText(bytes);
  if (content.kind === 'empty') throw emptyFile(file);
  if (content.kind === 'binary') throw binaryFile(file, content);
  const header = readHeader(content.bytes);
  const recognition = header.recognition;
  if (recognition.kind === 'unrecognised') throw unrecognisedFile(file, header.names);
  if (recognition.kind === 'missing-columns') {
    throw missingColumns(
      file,
      recognition.spec.fileName,
      recognition.spec.table,
      recognition.missing,
      header.names,
    );
  }
  if (recognition.kind === 'duplicate-column') {
    throw duplicateColumn(file, recognition.name, header.names, recognition.spec.table);
  }
  const table = recognition.spec.table;
  const recognised = { ...header, recognition: recognition as RecognisedHeader };
  const delimiter = String.fromCharCode(header.delimiter);
  const staged = {
    spec: recognition.spec,
    header: header.names,
    encoding: content.encoding,
    delimiter,
    note:
      [...content.notes, spreadsheetNote(content.encoding, delimiter)].filter(Boolean).join(' ') || undefined,
  };
  const checked = performance.now();
  const timings = (stagedWith: 'read_csv' | 'parser') => ({
    checkMs: checked - started,
    stageMs: performance.now() - checked,
    stagedWith,
  });
  if (canRegisterFiles(engine)) {
    hooks.onProgress?.(0, content.bytes.length, 0);
    await hooks.checkpoint?.();
    const rows = await stageWithReadCsv(engine, content.bytes, recognised, into, hooks.ingestion);
    if (rows !== null) {
      hooks.onProgress?.(content.bytes.length, content.bytes.length, rows);
      const ingestion = hooks.ingestion ? { ingestion: hooks.ingestion } : {};
      return { ...staged, rows, rescuedRows: 0, timings: timings('read_csv'), ...ingestion };
    }
  }
  let created = false;
  try {
    const result = await readOlistCsv(content.bytes, recognised, {
      onBatch: async (ipc) => {
        if (created) await engine.appendArrow(into, ipc);
        else await engine.createTableFromArrow(into, ipc);
        created = true;
      },
      onProgress: (done, rows) => hooks.onProgress?.(done, content.bytes.length, rows),
      checkpoint: hooks.checkpoint,
    });
    return { ...staged, ...result, timings: timings('parser') };
  } catch (error) {
    if (created) await engine.exec(`DROP TABLE IF EXISTS ${quoteQualified(into)}`);
    if (error instanceof CsvFileProblem) {
      throw new IngestProblem('failed', file, error.message, {
        line: error.line,
        header: header.names,
        table,
      });
    }
    throw error;
  }
}

function spreadsheetNote(encoding: TextEncodingName, delimiter: string): string | undefined {
  const parts: string[] = [];
  if (encoding !== 'UTF-8') parts.push(`${encoding} text`);
  if (delimiter !== ',') parts.push(`"${delimiter === '\t' ? 'tab' : delimiter}" between fields`);
  if (parts.length === 0) return undefined;
  return `Read as a spreadsheet export (${parts.join(', ')}); values are kept as written.`;
}
