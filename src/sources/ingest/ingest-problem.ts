import { LakehouseError } from '../../engine/errors';
import type { BinaryContent } from '../csv/text-encoding';

/** Why a file was not ingested: unrecognised (not an Olist file) or failed (an Olist file, broken). */
export type ProblemStatus = 'unrecognised' | 'failed';

/**
 * A file that cannot be ingested, with the message the user reads: it names the file, the line
 * where it matters and what is wrong, and says that nothing was ingested.
 */
export class IngestProblem extends LakehouseError {
  constructor(
    readonly status: ProblemStatus,
    file: string,
    problem: string,
    readonly extra: { line?: number; header?: string[]; table?: string } = {},
  ) {
    super('IngestProblem', `${file}: ${problem}. Nothing was ingested.`, { file, status, ...extra });
  }
}

/** An empty file. */
export function emptyFile(file: string): IngestProblem {
  return new IngestProblem('failed', file, 'the file is empty (0 bytes)');
}

/** Binary content under a text name. */
export function binaryFile(file: string, content: BinaryContent): IngestProblem {
  const what = content.looksLike ? `it is ${content.looksLike}` : 'it holds binary data';
  const where = `byte 0x${content.byte.toString(16).padStart(2, '0')} at offset ${content.offset}`;
  const hint =
    content.looksLike === 'a Parquet file'
      ? '; open it with "Open files" to query it as an external table'
      : '';
  return new IngestProblem('failed', file, `not a CSV file: ${what}, not text (${where})${hint}`);
}

/** A header that is none of the nine Olist files. */
export function unrecognisedFile(file: string, header: string[]): IngestProblem {
  const shown = header.slice(0, 12).join(', ') + (header.length > 12 ? ', …' : '');
  return new IngestProblem(
    'unrecognised',
    file,
    `not recognised as an Olist file: its header (${shown}) matches none of the nine Olist files`,
    { header },
  );
}

/** An Olist file whose header lacks columns. */
export function missingColumns(
  file: string,
  fileName: string,
  table: string,
  missing: string[],
  header: string[],
): IngestProblem {
  const list = missing.map((c) => `"${c}"`).join(', ');
  const noun = missing.length === 1 ? 'the required column' : 'the required columns';
  return new IngestProblem(
    'failed',
    file,
    `looks like ${fileName} (${table}) but line 1, the header, lacks ${noun} ${list}`,
    {
      line: 1,
      header,
      table,
    },
  );
}

/** A header naming one column twice. */
export function duplicateColumn(file: string, name: string, header: string[], table: string): IngestProblem {
  return new IngestProblem('failed', file, `line 1, the header, names the column "${name}" twice`, {
    line: 1,
    header,
    table,
  });
}

/** A zip or gzip that cannot be read. */
export function brokenArchive(file: string, reason: string): IngestProblem {
  return new IngestProblem('failed', file, `the archive cannot be read (${reason})`);
}

/** A zip with no file in it that could be an Olist CSV. */
export function emptyArchive(file: string): IngestProblem {
  return new IngestProblem('unrecognised', file, 'the archive holds no CSV file');
}
