import { LakehouseError } from '../engine/errors';

/**
 * A lakehouse zip that cannot be imported, with the message the user reads: it names the file and
 * what is wrong, and says that nothing changed.
 */
export class ImportRefused extends LakehouseError {
  constructor(
    file: string,
    readonly reason: string,
    extra: Record<string, unknown> = {},
  ) {
    super('ImportRefused', `${file}: ${reason}. The lakehouse was not changed.`, { file, reason, ...extra });
  }
}

/** The file is no zip at all. */
export function notAZip(file: string): ImportRefused {
  return new ImportRefused(file, 'not a zip file (it does not start like one and has no zip directory)');
}

/** A zip without its end-of-archive record: cut short. */
export function truncatedZip(file: string): ImportRefused {
  return new ImportRefused(
    file,
    'the zip is incomplete: its end-of-archive record is missing, so the download or copy was cut short',
  );
}

/** A zip whose structure does not hold together. */
export function damagedZip(file: string, detail: string): ImportRefused {
  return new ImportRefused(file, `the zip is damaged (${detail})`);
}

/** A readable zip that is not a lakehouse export. */
export function foreignZip(file: string, detail: string): ImportRefused {
  return new ImportRefused(file, `not a Pocket Lakehouse export: ${detail}`);
}

/** An entry path that would land outside the lakehouse, or is not one an export writes. */
export function unsafePath(file: string, path: string): ImportRefused {
  return new ImportRefused(
    file,
    `it holds the path "${path}", which is not a lakehouse file (only tables/… and landing/… without "..", "." or "\\" parts)`,
    { path },
  );
}

/** An entry whose bytes are not the ones the manifest promises. */
export function checksumMismatch(file: string, path: string, what: string): ImportRefused {
  return new ImportRefused(file, `${path} is damaged: ${what} differs from the manifest`, { path });
}

/** The lakehouse holds data and the caller did not agree to replace it. */
export function notEmpty(file: string, tables: number, files: number): ImportRefused {
  return new ImportRefused(
    file,
    `this lakehouse is not empty (${tables} ${tables === 1 ? 'table' : 'tables'}, ${files} ${files === 1 ? 'file' : 'files'}); importing would replace it, which was not confirmed`,
    { tables, files },
  );
}
