import { quoteQualified } from '../engine/sql-quote';
import type { DuckDbEngine } from '../engine/duckdb-engine';
import type { ParquetCodec } from '../engine/parquet-codec';
import type { ProgressCallback } from '../engine/types';
import { EXTERNAL_LAYER, tableNameOf, uniqueName } from '../lake/external/external-names';
import type { OpenedTable } from '../lake/external/open-delta';
import { openRefused } from '../lake/external/open-refused';
import { formatOf, stageFile, type StagedTable } from '../lake/external/stage-file';
import type { Lake } from '../lake/lake';
import { errorMessage } from '../engine/error-message';

/**
 * "Open files": each Parquet, CSV/TSV, JSON-lines or DuckDB database file becomes a read-only
 * `external.<name>` table (a database: one per table in it), written as a Delta table whose one
 * commit names the file. Every file is read first; one that cannot be read refuses them all,
 * naming it and the problem, and nothing is opened.
 */
export async function openFiles(
  deps: { engine: DuckDbEngine; parquet: ParquetCodec; lake: Lake },
  files: File[],
  taken: Set<string>,
  onProgress?: ProgressCallback,
): Promise<OpenedTable[]> {
  const { engine, parquet, lake } = deps;
  const staged: (StagedTable & { file: string; format: string })[] = [];
  const created: string[] = [];
  try {
    for (const [i, file] of files.entries()) {
      onProgress?.({ step: `Reading ${file.name}`, done: i, total: files.length, unit: 'files' });
      const bytes = new Uint8Array(await file.arrayBuffer());
      const format = formatOf(file.name, bytes.subarray(0, 16));
      if (!format)
        throw openRefused(
          file.name,
          'it is none of the formats "Open files" reads (Parquet, CSV or TSV, newline-delimited JSON, a DuckDB database)',
          'UnsupportedFile',
        );
      const stem = tableNameOf(file.name.replace(/\.[^.]*$/, ''));
      try {
        for (const table of await stageFile(engine, parquet, { name: file.name, bytes }, format, stem))
          staged.push({ ...table, file: file.name, format });
      } catch (error) {
        throw openRefused(file.name, errorMessage(error), 'UnreadableFile');
      }
    }
    const opened: OpenedTable[] = [];
    for (const [i, table] of staged.entries()) {
      onProgress?.({ step: `Writing ${table.baseName}`, done: i, total: staged.length, unit: 'files' });
      const name = uniqueName(table.baseName, taken);
      taken.add(name);
      const full = `${EXTERNAL_LAYER}.${name}`;
      created.push(full);
      const commit = await lake.createExternal(full, {
        sql: `SELECT * FROM ${quoteQualified(table.staging)}`,
        mode: 'overwrite',
        operation: 'CREATE TABLE',
        operationParameters: { source: table.file, format: table.format },
      });
      const files = await lake.files(full);
      opened.push({
        table: full,
        version: commit.version,
        files: files.length,
        bytes: files.reduce((sum, f) => sum + f.size, 0),
      });
    }
    return opened;
  } catch (error) {
    for (const table of created) await lake.dropTable(table).catch(() => undefined);
    throw error;
  } finally {
    for (const table of staged) await engine.exec(`DROP TABLE IF EXISTS ${quoteQualified(table.staging)}`);
  }
}
