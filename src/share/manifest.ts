import type { FileInfo } from '../lake/storage/types';
import { foreignZip, unsafePath } from './import-refused';

/** The `format` every lakehouse export carries. */
export const LAKEHOUSE_FORMAT = 'pocket-lakehouse';

/** The newest export layout this code writes and reads. */
export const LAKEHOUSE_FORMAT_VERSION = 1;

/** Where the manifest is in the zip: its last entry, written once every checksum is known. */
export const MANIFEST_PATH = 'pocket-lakehouse.json';

/** The storage folders a lakehouse consists of: the Delta tables, and the landing zone with its checkpoints. */
export const LAKEHOUSE_FOLDERS = ['tables', 'landing'] as const;

/** One file of the export. */
export interface ManifestFile {
  /** Storage path, e.g. `tables/silver/orders/_delta_log/00000000000000000003.json`. */
  path: string;
  size: number;
  /** SHA-256 of the file's bytes, 64 lowercase hex digits. */
  sha256: string;
}

/** A table and the version it was exported at. */
export interface ManifestTable {
  name: string;
  version: number;
}

/** What a lakehouse zip holds, so an import can check it before anything changes. */
export interface LakehouseManifest {
  format: typeof LAKEHOUSE_FORMAT;
  formatVersion: number;
  appVersion: string;
  /** ISO-8601, UTC. */
  exportedAt: string;
  tables: ManifestTable[];
  fileCount: number;
  totalBytes: number;
  files: ManifestFile[];
}

const LOG_FILE = /^tables\/([a-z_][a-z0-9_]*)\/([a-z_][a-z0-9_]*)\/_delta_log\/(\d{20})\.json$/;

/** The tables among a set of storage paths, each at its latest log version. */
export function tablesOf(paths: Iterable<string>): ManifestTable[] {
  const latest = new Map<string, number>();
  for (const path of paths) {
    const match = LOG_FILE.exec(path);
    if (!match) continue;
    const name = `${match[1]}.${match[2]}`;
    latest.set(name, Math.max(latest.get(name) ?? -1, Number(match[3])));
  }
  return [...latest.entries()]
    .map(([name, version]) => ({ name, version }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * True for a path an export writes and an import may create: under `tables/` or `landing/`, made of
 * plain names (no empty, `.` or `..` parts, no backslash, no control characters).
 */
export function isLakehousePath(path: string): boolean {
  const parts = path.split('/');
  if (parts.length < 2 || !(LAKEHOUSE_FOLDERS as readonly string[]).includes(parts[0])) return false;
  return parts.every(
    (part) =>
      part !== '' &&
      part !== '.' &&
      part !== '..' &&
      !part.includes('\\') &&
      ![...part].some((ch) => ch.charCodeAt(0) < 0x20),
  );
}

/** Build the manifest of exported files. */
export function buildManifest(
  files: ManifestFile[],
  appVersion: string,
  exportedAt: Date,
): LakehouseManifest {
  return {
    format: LAKEHOUSE_FORMAT,
    formatVersion: LAKEHOUSE_FORMAT_VERSION,
    appVersion,
    exportedAt: exportedAt.toISOString(),
    tables: tablesOf(files.map((f) => f.path)),
    fileCount: files.length,
    totalBytes: files.reduce((sum, f) => sum + f.size, 0),
    files,
  };
}

/** Read and check a manifest's text; throws ImportRefused saying what is wrong. */
export function parseManifest(zipName: string, text: string): LakehouseManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw foreignZip(zipName, `its ${MANIFEST_PATH} is not JSON`);
  }
  const m = value as Partial<LakehouseManifest>;
  if (typeof m !== 'object' || m === null || m.format !== LAKEHOUSE_FORMAT)
    throw foreignZip(zipName, `its ${MANIFEST_PATH} does not say format "${LAKEHOUSE_FORMAT}"`);
  if (
    typeof m.formatVersion !== 'number' ||
    m.formatVersion > LAKEHOUSE_FORMAT_VERSION ||
    m.formatVersion < 1
  )
    throw foreignZip(
      zipName,
      `it is format version ${String(m.formatVersion)}, and this app reads version ${LAKEHOUSE_FORMAT_VERSION} (written by Pocket Lakehouse ${String(m.appVersion)}; open it with that version or newer)`,
    );
  if (!Array.isArray(m.files) || !Array.isArray(m.tables) || !m.files.every(isManifestFile))
    throw foreignZip(zipName, `its ${MANIFEST_PATH} has no valid file list`);
  if (m.fileCount !== m.files.length)
    throw foreignZip(zipName, `its ${MANIFEST_PATH} counts ${m.fileCount} files but lists ${m.files.length}`);
  const seen = new Set<string>();
  for (const file of m.files) {
    if (!isLakehousePath(file.path)) throw unsafePath(zipName, file.path);
    if (seen.has(file.path)) throw foreignZip(zipName, `its ${MANIFEST_PATH} lists ${file.path} twice`);
    seen.add(file.path);
  }
  return m as LakehouseManifest;
}

function isManifestFile(value: unknown): value is ManifestFile {
  const f = value as ManifestFile;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.path === 'string' &&
    Number.isSafeInteger(f.size) &&
    f.size >= 0 &&
    typeof f.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(f.sha256)
  );
}

/** Files a lakehouse consists of, from a storage listing (temporary files of writes in flight left out). */
export function lakehouseFiles(listing: FileInfo[], isTemp: (path: string) => boolean): FileInfo[] {
  return listing.filter((f) => isLakehousePath(f.path) && !isTemp(f.path));
}
