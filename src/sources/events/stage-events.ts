import { quoteQualified } from '../../engine/sql-quote';
import { DUCKDB_ROW_GROUP_ROWS } from '../../engine/row-group';
import type { SqlEngine } from '../../engine/types';
import { StringBatchBuilder } from '../arrow/string-batch';
import { EVENT_COLUMNS } from '../olist-files';
import { FlatEventScanner, isBlankAscii } from './flat-event';

/** One landed batch to read. */
export interface EventBatchInput {
  path: string;
  bytes: Uint8Array;
}

/** What the batches held. */
export interface StagedEvents {
  rows: number;
  /** Rows with something in `_rescued_data`: unknown fields, non-text values, unreadable lines. */
  rescuedRows: number;
  /** Lines that were not a JSON object (kept whole in `_rescued_data._corrupt_record`). */
  corruptLines: number;
}

const KNOWN = new Set<string>(EVENT_COLUMNS);
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const NEWLINE = 0x0a;
const RETURN = 0x0d;

/**
 * Read newline-delimited JSON event batches into the DuckDB table `into`: one VARCHAR column
 * per event field (text as written; numbers and booleans as their JSON text), `_source_file`,
 * and `_rescued_data` for what does not fit — a field Bronze does not know, an object where
 * text belongs, or a whole line that is not JSON — like Auto Loader's rescued data column.
 */
export async function stageEventBatches(
  engine: SqlEngine,
  batches: EventBatchInput[],
  into: string,
  checkpoint: () => Promise<void> = async () => {},
): Promise<StagedEvents> {
  const builder = new StringBatchBuilder([...EVENT_COLUMNS, '_source_file', '_rescued_data']);
  const cols = builder.columns;
  const sourceColumn = cols[EVENT_COLUMNS.length];
  const rescuedColumn = cols[EVENT_COLUMNS.length + 1];
  const result: StagedEvents = { rows: 0, rescuedRows: 0, corruptLines: 0 };
  let created = false;
  const flush = async () => {
    if (builder.rows === 0) return;
    const ipc = builder.flushIpc();
    if (created) await engine.appendArrow(into, ipc);
    else await engine.createTableFromArrow(into, ipc);
    created = true;
  };
  await engine.exec(`DROP TABLE IF EXISTS ${quoteQualified(into)}`);
  const scanner = new FlatEventScanner(EVENT_COLUMNS);
  for (const batch of batches) {
    const bytes = batch.bytes;
    const path = encoder.encode(batch.path);
    // Lines as `split('\n')` gives them, after the byte order mark a decoder drops.
    let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    for (let lineNo = 1; start <= bytes.length; lineNo++) {
      let newline = bytes.indexOf(NEWLINE, start);
      if (newline < 0) newline = bytes.length;
      const end = newline > start && bytes[newline - 1] === RETURN ? newline - 1 : newline;
      const from = start;
      start = newline + 1;
      if (isBlankAscii(bytes, from, end)) continue;
      let rescued: Record<string, unknown> | null = null;
      if (scanner.scan(bytes, from, end)) {
        for (let c = 0; c < EVENT_COLUMNS.length; c++) {
          if (scanner.starts[c] < 0) cols[c].appendNull();
          else cols[c].appendBytes(bytes, scanner.starts[c], scanner.ends[c]);
        }
      } else {
        const line = decoder.decode(bytes.subarray(from, end));
        if (line.trim() === '') continue;
        rescued = appendEvent(line, lineNo, builder);
      }
      sourceColumn.appendBytes(path, 0, path.length);
      if (rescued) {
        rescuedColumn.appendString(JSON.stringify(rescued));
        result.rescuedRows++;
        if ('_corrupt_record' in rescued) result.corruptLines++;
      } else rescuedColumn.appendNull();
      result.rows++;
      // Whole row groups: appending a batch that ends inside one makes the next append to it.
      if (builder.rows === DUCKDB_ROW_GROUP_ROWS) await flush();
    }
    await checkpoint();
  }
  await flush();
  // No event at all: an empty table of the right shape, so the commit can still record its files.
  if (!created) await engine.createTableFromArrow(into, builder.flushIpc());
  return result;
}

function appendEvent(
  line: string,
  lineNo: number,
  builder: StringBatchBuilder,
): Record<string, unknown> | null {
  const cols = builder.columns;
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    event = undefined;
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    for (let c = 0; c < EVENT_COLUMNS.length; c++) cols[c].appendNull();
    return { _line: lineNo, _corrupt_record: line };
  }
  const record = event as Record<string, unknown>;
  let rescued: Record<string, unknown> | null = null;
  for (let c = 0; c < EVENT_COLUMNS.length; c++) {
    const value = record[EVENT_COLUMNS[c]];
    if (value === undefined || value === null) cols[c].appendNull();
    else if (typeof value === 'string') cols[c].appendString(value);
    else if (typeof value === 'number' || typeof value === 'boolean')
      cols[c].appendString(JSON.stringify(value));
    else {
      cols[c].appendNull();
      rescued ??= { _line: lineNo };
      rescued[EVENT_COLUMNS[c]] = value;
    }
  }
  for (const key of Object.keys(record)) {
    if (KNOWN.has(key)) continue;
    rescued ??= { _line: lineNo };
    rescued[key] = record[key];
  }
  return rescued;
}
