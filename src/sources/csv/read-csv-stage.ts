import { CancelledError } from '../../engine/errors';
import { quoteIdent, quoteQualified, sqlLiteral } from '../../engine/sql-quote';
import { STAGING_DIRECTORY, type FileBufferEngine } from '../../engine/types';
import type { CsvHeader } from './read-header';
import type { RecognisedHeader } from './recognise-header';
import { scanQuoting } from './plain-quoting';

let scans = 0;

/** Bronze's ingestion columns, when they are staged with the rows: the landing path and the time (UTC, zone-less). */
export interface StagedIngestion {
  sourceFile: string;
  ingestedAt: string;
}

/**
 * Stage an Olist CSV (UTF-8, header recognised) with DuckDB's own C++ `read_csv` over a registered
 * file buffer, into `into` exactly as our parser would: every value VARCHAR as written, an empty
 * unquoted field NULL and a quoted empty one '', Bronze column order, `_rescued_data` NULL.
 * Returns the row count, or null when the file must go to our parser instead — nothing is left
 * behind then: a column to rescue, quoting that is not plain RFC 4180 (`scanQuoting`), any line
 * `read_csv` rejects (a row with too few or too many fields, a cut-off last line), any error, or no
 * rows. Our parser then reads the file again and says what is wrong, line by line, as before.
 *
 * The dialect is given, never sniffed (the sniffer guesses wrong on small or ragged files), and
 * every scan names its own reject tables (they live as long as the connection). With `ingestion`
 * the table also gets Bronze's `_source_file` and `_ingested_at` (bound values), so it holds the
 * Bronze rows as they are committed.
 */
export async function stageWithReadCsv(
  engine: FileBufferEngine,
  text: Uint8Array,
  header: CsvHeader & { recognition: RecognisedHeader },
  into: string,
  ingestion?: StagedIngestion,
): Promise<number | null> {
  const { spec, mapping } = header.recognition;
  if (mapping.some((target) => target < 0)) return null;
  const quoting = scanQuoting(text, header.delimiter);
  if (!quoting.plain) return null;
  const scan = ++scans;
  const path = `${STAGING_DIRECTORY}olist-${scan}.csv`;
  const rejects = `__csv_rejects_${scan}`;
  const rejectScans = `__csv_reject_scans_${scan}`;
  // By position: column i of the file is c<i>, renamed to the Bronze column it maps to.
  const columns = header.names.map((_, i) => `${sqlLiteral(`c${i}`)}: 'VARCHAR'`).join(', ');
  const byColumn = new Map(mapping.map((target, i) => [target, i]));
  const select = spec.columns.map(
    (name, target) => `${quoteIdent(`c${byColumn.get(target)}`)} AS ${quoteIdent(name)}`,
  );
  const extra = ingestion ? '?::VARCHAR AS _source_file, ?::TIMESTAMP AS _ingested_at, ' : '';
  const extraParams = ingestion ? [ingestion.sourceFile, ingestion.ingestedAt] : [];
  engine.registerFileBuffer(path, text);
  const target = quoteQualified(into);
  let created = false;
  try {
    await engine.exec(
      `CREATE OR REPLACE TABLE ${target} AS
       SELECT ${select.join(', ')}, ${extra}NULL::VARCHAR AS _rescued_data
       FROM read_csv(?, auto_detect = false, header = true, columns = {${columns}}, delim = ?,
                     quote = '"', escape = '"', allow_quoted_nulls = false, store_rejects = true,
                     rejects_table = ?, rejects_scan = ?, parallel = ?)`,
      [
        ...extraParams,
        path,
        String.fromCharCode(header.delimiter),
        rejects,
        rejectScans,
        !quoting.quotedLineBreak,
      ],
    );
    created = true;
    const [{ rejected, rows }] = await engine.query<{ rejected: number; rows: number }>(
      `SELECT (SELECT count(*) FROM ${quoteIdent(rejects)})::INTEGER AS rejected,
              (SELECT count(*) FROM ${target})::INTEGER AS rows`,
    );
    if (rejected > 0 || rows === 0) {
      await engine.exec(`DROP TABLE IF EXISTS ${target}`);
      return null;
    }
    return rows;
  } catch (error) {
    if (created) await engine.exec(`DROP TABLE IF EXISTS ${target}`);
    if (error instanceof CancelledError) throw error;
    return null;
  } finally {
    engine.dropFileBuffer(path);
    await engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(rejects)}`).catch(() => undefined);
    await engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(rejectScans)}`).catch(() => undefined);
  }
}
