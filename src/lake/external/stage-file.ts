import type { ParquetCodec } from '../../engine/parquet-codec';
import { quoteIdent, quoteQualified, sqlLiteral } from '../../engine/sql-quote';
import { STAGING_DIRECTORY, type FileBufferEngine } from '../../engine/types';
import { readHeader } from '../../sources/csv/read-header';
import { LAKE_SCHEMA } from '../names';
import { ndjsonToArrow } from './ndjson-table';
import { errorMessage } from '../../engine/error-message';

/** The formats "Open files" reads, each by its own reader. */
export type FileFormat = 'parquet' | 'csv' | 'json' | 'duckdb';

/** The format of a file by its name, else by its first bytes; null when it is none of them. */
export function formatOf(name: string, head: Uint8Array): FileFormat | null {
  const lower = name.toLowerCase();
  if (/\.(parquet|pq)$/.test(lower) || ascii(head, 0, 4) === 'PAR1') return 'parquet';
  if (/\.(duckdb|ddb|db)$/.test(lower) || ascii(head, 8, 12) === 'DUCK') return 'duckdb';
  if (/\.(jsonl|ndjson|json)$/.test(lower)) return 'json';
  if (/\.(csv|tsv|txt)$/.test(lower)) return 'csv';
  return null;
}

/** One table a file gives: the name it suggests (from the file, and its table for a database) and where it is staged. */
export interface StagedTable {
  baseName: string;
  staging: string;
  rows: number;
}

let staged = 0;

/**
 * Read one file into DuckDB staging tables (in the lake's scratch schema): Parquet through
 * parquet-wasm, CSV/TSV through DuckDB's `read_csv` (dialect and types sniffed), JSON lines parsed
 * here, a DuckDB database attached read-only (one staged table per table in it). Throws a problem
 * in words (without the file's name) when the file cannot be read; nothing stays staged then.
 */
export async function stageFile(
  engine: FileBufferEngine,
  parquet: ParquetCodec,
  file: { name: string; bytes: Uint8Array },
  format: FileFormat,
  stem: string,
): Promise<StagedTable[]> {
  const staging = `${LAKE_SCHEMA}.__open_${++staged}`;
  await engine.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(LAKE_SCHEMA)}`);
  const count = async (table: string) =>
    Number((await engine.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${table}`))[0].n);
  if (format === 'parquet') {
    let ipc: Uint8Array;
    try {
      ipc = parquet.read(file.bytes);
    } catch (error) {
      throw new Error(`it is not a Parquet file that can be read (${errorMessage(error)})`, { cause: error });
    }
    await engine.createTableFromArrow(staging, ipc);
    return [{ baseName: stem, staging, rows: await count(quoteQualified(staging)) }];
  }
  if (format === 'json') {
    const result = ndjsonToArrow(new TextDecoder('utf-8').decode(file.bytes));
    if ('problem' in result) throw new Error(result.problem);
    await engine.createTableFromArrow(staging, result.ipc);
    return [{ baseName: stem, staging, rows: result.rows }];
  }
  const header = format === 'csv' ? readHeader(file.bytes) : null;
  if (header?.recognition.kind === 'olist')
    throw new Error(
      `it is the Olist file ${header.recognition.spec.fileName}: upload it with "Upload Olist files" to ingest it into Bronze`,
    );
  const path = `${STAGING_DIRECTORY}open-${staged}.${format === 'csv' ? 'csv' : 'duckdb'}`;
  engine.registerFileBuffer(path, file.bytes);
  try {
    if (header) {
      await engine.exec(
        `CREATE TABLE ${quoteQualified(staging)} AS SELECT * FROM read_csv(?, header = true, delim = ?)`,
        [path, String.fromCharCode(header.delimiter)],
      );
      return [{ baseName: stem, staging, rows: await count(quoteQualified(staging)) }];
    }
    return await stageDatabase(engine, path, staging, stem);
  } catch (error) {
    throw new Error(
      format === 'csv' ? `it cannot be read as CSV (${errorMessage(error)})` : errorMessage(error),
      {
        cause: error,
      },
    );
  } finally {
    engine.dropFileBuffer(path);
  }
}

/** Every table of a DuckDB database file, attached read-only, copied into staging tables. */
async function stageDatabase(
  engine: FileBufferEngine,
  path: string,
  staging: string,
  stem: string,
): Promise<StagedTable[]> {
  const alias = `__open_db_${staged}`;
  try {
    // ATTACH takes no parameters; the path is ours (a registered buffer's name), not the user's.
    await engine.exec(`ATTACH ${sqlLiteral(path)} AS ${quoteIdent(alias)} (READ_ONLY)`);
  } catch (error) {
    throw new Error(`it is not a DuckDB database this DuckDB (1.4) can open (${errorMessage(error)})`, {
      cause: error,
    });
  }
  try {
    const tables = await engine.query<{ schema_name: string; table_name: string }>(
      `SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ? ORDER BY schema_name, table_name`,
      [alias],
    );
    if (tables.length === 0) throw new Error('the database holds no tables');
    const out: StagedTable[] = [];
    for (const [i, t] of tables.entries()) {
      const into = `${staging}_${i}`;
      const source = `${quoteIdent(alias)}.${quoteIdent(t.schema_name)}.${quoteIdent(t.table_name)}`;
      await engine.exec(`CREATE TABLE ${quoteQualified(into)} AS SELECT * FROM ${source}`);
      const schema = t.schema_name === 'main' ? '' : `${t.schema_name}_`;
      out.push({
        baseName: tables.length === 1 ? stem : `${stem}_${schema}${t.table_name}`,
        staging: into,
        rows: Number(
          (await engine.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${quoteQualified(into)}`))[0]
            .n,
        ),
      });
    }
    return out;
  } finally {
    await engine.exec(`DETACH ${quoteIdent(alias)}`);
  }
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}
