import type { SqlEngine } from '../../engine/types';
import { LOAD_BATCH_ROWS } from './loader';

/** Rows a commit wrote, still in DuckDB (see `WrittenRows` in table-cache.ts). */
export interface WrittenRowsSource {
  /** A FROM item holding the rows. */
  fromSql: string;
  /** The file number of a row of `fromSql` (0, 1, … in the order of the commit's files). */
  fileNoSql: string;
  /** A row's position in `fromSql`: row ids of a scratch table, in any order, gaps allowed. */
  positionSql: string;
}

/**
 * Rows copied into a loaded table by one INSERT, as loads insert a large file
 * (`LOAD_BATCH_ROWS`): DuckDB holds an INSERT's or CREATE TABLE AS's rows uncompressed until the
 * statement ends, and WebAssembly memory never shrinks, so one statement copying a 1M-row write
 * grew DuckDB's memory by ~270 MB where 128Ki-row ranges grew it by ~110 MB (1M event-like rows,
 * DuckDB-WASM in Node). A range is one DuckDB row group (see LOAD_BATCH_ROWS).
 */
export const COPY_BATCH_ROWS = LOAD_BATCH_ROWS;

/**
 * Insert the written rows into `targetSql` (the loaded table: `columnsSql`, then the file id),
 * file number i getting the file id `firstFileId + i`, one range of row positions per INSERT.
 */
export async function insertWrittenRows(
  engine: SqlEngine,
  targetSql: string,
  columnsSql: string,
  written: WrittenRowsSource,
  firstFileId: number,
): Promise<void> {
  const insert = `INSERT INTO ${targetSql} SELECT ${columnsSql}, ? + ${written.fileNoSql} FROM ${written.fromSql}`;
  const [{ top }] = await engine.query<{ top: number | bigint }>(
    `SELECT coalesce(max(${written.positionSql}) + 1, 0)::BIGINT AS top FROM ${written.fromSql}`,
  );
  const end = Number(top);
  if (end <= COPY_BATCH_ROWS) {
    await engine.exec(insert, [firstFileId]);
    return;
  }
  for (let start = 0; start < end; start += COPY_BATCH_ROWS) {
    await engine.exec(`${insert} WHERE ${written.positionSql} >= ? AND ${written.positionSql} < ?`, [
      firstFileId,
      start,
      start + COPY_BATCH_ROWS,
    ]);
  }
}
