import { DUCKDB_ROW_GROUP_ROWS } from '../../engine/row-group';
import { StringBatchBuilder } from '../arrow/string-batch';
import {
  CsvParser,
  DEFAULT_MAX_RECORD_BYTES,
  FIELD_ESCAPED,
  FIELD_MALFORMED,
  FIELD_QUOTED,
  RecordTooLongError,
  UnterminatedQuoteError,
  type CsvRecord,
} from './csv-parser';
import { fieldText, type CsvHeader } from './read-header';
import type { RecognisedHeader } from './recognise-header';

/** Where a file's rows go and how the reader reports and yields. */
export interface CsvReadOptions {
  /** Receives each Arrow IPC stream of `batchRows` rows (the last one: up to), in order. */
  onBatch(ipc: Uint8Array, rows: number): Promise<void>;
  /** Called after each chunk with bytes parsed so far. */
  onProgress?(bytesDone: number, rows: number): void;
  /** Throws to stop (cancellation); called between chunks. */
  checkpoint?(): Promise<void>;
  /** Rows per batch: by default a DuckDB row group, so that appending a batch starts a new one. */
  batchRows?: number;
  chunkBytes?: number;
  /** Longest row accepted (default 32 MiB): a quote never closed would make the rest of the file one row. */
  maxRecordBytes?: number;
}

/** What the reader found in a file. */
export interface CsvReadResult {
  rows: number;
  /** Rows that kept something in `_rescued_data` (extra, missing or malformed fields). */
  rescuedRows: number;
}

/** A problem that stops a whole file: nothing of it may be ingested. */
export class CsvFileProblem extends Error {
  constructor(
    readonly problem: 'truncated' | 'unterminated-quote' | 'record-too-long' | 'no-rows',
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Read an Olist CSV (UTF-8, header already recognised) into all-VARCHAR Arrow batches: Bronze
 * column order, values as written (an empty unquoted field is NULL), plus `_rescued_data` for
 * what does not fit. A last line cut short without a line break means the file is truncated.
 */
export async function readOlistCsv(
  text: Uint8Array,
  header: CsvHeader & { recognition: RecognisedHeader },
  options: CsvReadOptions,
): Promise<CsvReadResult> {
  const { spec, mapping } = header.recognition;
  const names = header.names;
  const builder = new StringBatchBuilder([...spec.columns, '_rescued_data']);
  const rescuedColumn = builder.columns[spec.columns.length];
  let seenHeader = false;
  let rows = 0;
  let rescuedRows = 0;
  let last = { count: 0, line: 0 };
  const batchRows = options.batchRows ?? DUCKDB_ROW_GROUP_ROWS;

  const onRecord = (record: CsvRecord): void => {
    if (!seenHeader) {
      seenHeader = true;
      return;
    }
    const rescued = appendRecord(record, mapping, names, builder);
    if (rescued) {
      rescuedColumn.appendString(JSON.stringify(rescued));
      rescuedRows++;
    } else rescuedColumn.appendNull();
    rows++;
    last = { count: record.count, line: record.line };
    if (builder.rows === batchRows) full.push({ ipc: builder.flushIpc(), rows });
  };
  // Batches filled inside a chunk, handed on after it (a record's callback cannot wait).
  const full: { ipc: Uint8Array; rows: number }[] = [];
  const handOn = async () => {
    for (const batch of full.splice(0)) await options.onBatch(batch.ipc, batch.rows);
  };

  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const parser = new CsvParser(onRecord, header.delimiter, Math.max(256, names.length * 2), maxRecordBytes);
  const chunk = options.chunkBytes ?? 1 << 20;
  try {
    for (let offset = 0; offset < text.length; offset += chunk) {
      parser.push(text.subarray(offset, offset + chunk));
      await handOn();
      options.onProgress?.(parser.bytesDone, rows);
      await options.checkpoint?.();
    }
    parser.end();
    await handOn();
  } catch (error) {
    if (error instanceof RecordTooLongError) {
      const column = names[error.fieldIndex] ?? `field ${error.fieldIndex + 1}`;
      const size = `${Math.round(error.limit / 1024 / 1024)} MB`;
      throw new CsvFileProblem(
        'record-too-long',
        error.line,
        error.inQuotes
          ? `the row that starts in line ${error.line} is longer than ${size}: the quoted value of "${column}" that starts there is never closed (a stray quote?)`
          : `the row that starts in line ${error.line} is longer than ${size} without a line break, which no Olist file has`,
      );
    }
    if (error instanceof UnterminatedQuoteError) {
      const column = names[error.fieldIndex] ?? `field ${error.fieldIndex + 1}`;
      throw new CsvFileProblem(
        'unterminated-quote',
        error.line,
        `unterminated quote: the quoted value of "${column}" that starts in line ${error.line} is never closed (is the file cut off?)`,
      );
    }
    throw error;
  }
  if (parser.endedWithoutNewline && last.count < names.length && rows > 0) {
    throw new CsvFileProblem(
      'truncated',
      last.line,
      `the file is cut off in line ${last.line}: its last row has ${last.count} of ${names.length} fields and no line break, so the file looks truncated (an interrupted download or copy)`,
    );
  }
  if (rows === 0) throw new CsvFileProblem('no-rows', 1, 'the file has a header but no data rows');
  if (builder.rows > 0) await options.onBatch(builder.flushIpc(), rows);
  options.onProgress?.(text.length, rows);
  return { rows, rescuedRows };
}

/** Append one record's values; returns what had to be rescued, or null. */
function appendRecord(
  record: CsvRecord,
  mapping: number[],
  names: string[],
  builder: StringBatchBuilder,
): Record<string, unknown> | null {
  const columns = builder.columns;
  const width = names.length;
  const shared = Math.min(record.count, width);
  let rescued: Record<string, unknown> | null = null;
  for (let i = 0; i < shared; i++) {
    const target = mapping[i];
    const flags = record.flags[i];
    const start = record.starts[i];
    const end = record.ends[i];
    if (target < 0 || flags & FIELD_MALFORMED) {
      if (target >= 0) columns[target].appendNull();
      if (start < end || flags & FIELD_QUOTED) {
        rescued ??= { _line: record.line };
        rescued[names[i]] = fieldText(record, i);
      }
    } else if (start === end && !(flags & FIELD_QUOTED)) columns[target].appendNull();
    else if (flags & FIELD_ESCAPED) columns[target].appendUnescaped(record.bytes, start, end);
    else columns[target].appendBytes(record.bytes, start, end);
  }
  if (record.count < width) {
    for (let i = record.count; i < width; i++) if (mapping[i] >= 0) columns[mapping[i]].appendNull();
    rescued ??= { _line: record.line };
    rescued._missing_fields = names.slice(record.count);
  } else if (record.count > width) {
    rescued ??= { _line: record.line };
    rescued._extra_fields = Array.from({ length: record.count - width }, (_, k) =>
      fieldText(record, width + k),
    );
  }
  return rescued;
}
