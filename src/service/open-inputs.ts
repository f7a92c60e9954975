import { ImportRefused } from '../share/import-refused';
import { ZipReader } from '../share/zip-reader';
import type { InputEntry } from '../lake/external/input-entries';
import { openRefused } from '../lake/external/open-refused';

/** A file the user chose or dropped, with its path inside the chosen folder (its name when none). */
export interface OpenInput {
  path: string;
  file: File;
}

/** What the files given to "Open a Delta table" hold: entries, and the name of what was chosen. */
export interface OpenSource {
  /** The folder or zip, for messages: `COVID-19_NYT`, `table.zip`. */
  source: string;
  /** Where a table's name comes from when its log sits at the top: the folder's or zip's name. */
  baseName: string;
  entries: InputEntry[];
}

/** True when the inputs are one zip (a zip holding one table) rather than a folder's files. */
export function isOneZip(inputs: OpenInput[]): boolean {
  return inputs.length === 1 && /\.zip$/i.test(inputs[0].file.name);
}

/** The entries of a folder's files or of one zip; a zip that cannot be read is refused naming it. */
export async function openSource(inputs: OpenInput[]): Promise<OpenSource> {
  if (isOneZip(inputs)) return zipSource(inputs[0].file);
  const top = new Set(inputs.map((i) => i.path.split('/')[0]));
  const folder = top.size === 1 && inputs[0].path.includes('/') ? [...top][0] : 'the chosen files';
  return {
    source: folder,
    baseName: folder === 'the chosen files' ? 'table' : folder,
    entries: inputs.map(({ path, file }) => ({ path, size: file.size, stream: async () => file.stream() })),
  };
}

async function zipSource(file: File): Promise<OpenSource> {
  let reader: ZipReader;
  try {
    reader = await ZipReader.open(file, file.name);
  } catch (error) {
    throw zipRefusal(file.name, error);
  }
  const entries = reader.entries
    .filter((e) => !e.name.endsWith('/'))
    .map((e): InputEntry => ({
      path: e.name,
      size: e.size,
      crc32: e.crc32,
      stream: async () => {
        try {
          return await reader.stream(e);
        } catch (error) {
          throw zipRefusal(file.name, error);
        }
      },
    }));
  return { source: file.name, baseName: file.name.replace(/\.zip$/i, ''), entries };
}

/** A zip's structural problem, in the words of opening (not of importing a lakehouse). */
function zipRefusal(source: string, error: unknown): unknown {
  if (!(error instanceof ImportRefused)) return error;
  const reason = error.reason.replace(/^not a Pocket Lakehouse export: /, 'the zip cannot be read: ');
  return openRefused(source, reason, 'DamagedInput');
}
