import * as Comlink from 'comlink';
import { ipcToTable } from '../engine/arrow-ipc';
import { concatBytes } from '../engine/bytes';
import { quoteQualified } from '../engine/sql-quote';
import { encodeCsv } from '../export/csv-encoder';
import { zipDeltaTable } from '../export/delta-zip';
import { parseTableName, tableFolder } from '../lake/names';
import type { WithDeps } from './service-deps';

/** The export formats a table offers. */
export type ExportFormat = 'csv' | 'parquet' | 'delta';

/** A file made for download. */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** Storage folder of the lake's tables (the Lake's default root). */
const TABLES_ROOT = 'tables';

/** Scratch table a version is loaded into for export. */
const EXPORT_TABLE = 'main.__export';

/** Exports of a table version as CSV, Parquet, or the whole Delta table as a zip. */
export function createExportService(withDeps: WithDeps) {
  return {
    /** Make a downloadable file of one version of a table (the bytes are transferred, not copied). */
    table(table: string, format: ExportFormat, version: number): Promise<ExportedFile> {
      return withDeps(async ({ engine, parquet, storage, lake }) => {
        const name = parseTableName(table);
        const stem = `${name.full}-v${version}`;
        let file: ExportedFile;
        if (format === 'delta') {
          const bytes = await zipDeltaTable(storage, tableFolder(TABLES_ROOT, name), name.full);
          file = { fileName: `${name.full}.delta.zip`, mimeType: 'application/zip', bytes };
        } else {
          await lake.loadVersion(table, { version }, EXPORT_TABLE);
          try {
            const ipc = await engine.queryArrow(`select * from ${quoteQualified(EXPORT_TABLE)}`);
            file =
              format === 'parquet'
                ? {
                    fileName: `${stem}.parquet`,
                    mimeType: 'application/vnd.apache.parquet',
                    bytes: await parquet.write(ipc),
                  }
                : {
                    fileName: `${stem}.csv`,
                    mimeType: 'text/csv',
                    bytes: concatBytes(encodeCsv(ipcToTable(ipc))),
                  };
          } finally {
            await engine.exec(`drop table if exists ${quoteQualified(EXPORT_TABLE)}`);
          }
        }
        return Comlink.transfer(file, [file.bytes.buffer as ArrayBuffer]);
      });
    },
  };
}
