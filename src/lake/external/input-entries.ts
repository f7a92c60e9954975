/** One file of a folder or zip being opened: its path inside it and a way to read its bytes once. */
export interface InputEntry {
  /** `/`-separated path inside the folder or zip (the folder's own name first for a folder). */
  path: string;
  size: number;
  /** Its bytes, as a stream; a read fails when they are damaged (a zip entry that does not inflate). */
  stream(): Promise<ReadableStream<Uint8Array>>;
  /** CRC-32 the bytes must have (zip entries), checked while they are copied. */
  crc32?: number;
}

/** Files a folder or zip holds that are never part of a table: macOS metadata, `.DS_Store`. */
export function isJunkPath(path: string): boolean {
  const parts = path.split('/');
  return parts.includes('__MACOSX') || parts.at(-1) === '.DS_Store' || parts.at(-1) === 'Thumbs.db';
}

/**
 * Where the one Delta table of a folder or zip is: the path before its `_delta_log/` (`''` when
 * the log is at the top). Null when there is none; several when the input holds more than one.
 */
export function deltaRoots(paths: string[]): string[] {
  const roots = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/');
    const at = parts.indexOf('_delta_log');
    if (at >= 0 && at < parts.length - 1) roots.add(parts.slice(0, at).join('/'));
  }
  // A table nested in another table's folder is part of it (a folder of _delta_log copies is odd).
  return [...roots].filter((r) => ![...roots].some((o) => o !== r && (o === '' || r.startsWith(`${o}/`))));
}
