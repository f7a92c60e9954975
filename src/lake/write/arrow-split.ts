import { tableFromIPC, tableToIPC } from 'apache-arrow';

/** The rows of one file within an exported run of files: its number and how many rows it has. */
export interface FileRows {
  fileNo: number;
  numRecords: number;
}

/**
 * Cut one Arrow IPC stream holding several files' rows into one IPC stream per file. The last
 * column holds each row's file number and is left out of the pieces. Returns null when the rows
 * are not grouped by file exactly as `files` says (same order, same counts), so the caller can
 * export them again sorted instead of writing a row into the wrong file.
 */
export function splitByFile(ipc: Uint8Array, files: FileRows[]): Uint8Array[] | null {
  const table = tableFromIPC(ipc);
  const fileNoColumn = table.getChildAt(table.numCols - 1);
  if (!fileNoColumn) return null;
  const fileNos = fileNoColumn.toArray() as ArrayLike<number>;
  const expected = files.reduce((sum, f) => sum + f.numRecords, 0);
  if (fileNos.length !== expected) return null;
  const data = table.selectAt(Array.from({ length: table.numCols - 1 }, (_, i) => i));
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const file of files) {
    const end = start + file.numRecords;
    for (let i = start; i < end; i++) if (fileNos[i] !== file.fileNo) return null;
    pieces.push(tableToIPC(data.slice(start, end), 'stream'));
    start = end;
  }
  return pieces;
}
