import { LakehouseError } from '../engine/errors';
import { commitLockName, filesLockName } from '../lake/context';
import type { TableLocks } from '../lake/locks/table-locks';
import type { StreamingStorage } from '../lake/storage/streaming';
import { isTempFile, type FileInfo } from '../lake/storage/types';
import {
  buildManifest,
  LAKEHOUSE_FOLDERS,
  lakehouseFiles,
  MANIFEST_PATH,
  type LakehouseManifest,
  type ManifestFile,
} from './manifest';
import { ZIP_MAX_BYTES, ZIP_MAX_ENTRIES, ZipWriter, zipOverhead } from './zip-writer';

/** How an export runs. */
export interface ExportOptions {
  /** The app's version, recorded in the manifest. */
  appVersion: string;
  /** Storage path the zip is written to (outside `tables/` and `landing/`). */
  target: string;
  /** When given, each table's files are read holding its locks, so no commit or VACUUM lands half-way. */
  locks?: TableLocks;
  /** Bytes of lakehouse files read so far, of all of them. */
  onProgress?: (done: number, total: number) => void;
  now?: () => Date;
}

/** What an export wrote. */
export interface ExportResult {
  path: string;
  zipBytes: number;
  manifest: LakehouseManifest;
}

/**
 * Export the whole lakehouse — every table with its whole history (log, checkpoints, data files),
 * the landing zone with its checkpoints — as one zip in storage at `options.target`. Files stream
 * through the zip one chunk at a time into a storage writer; the manifest (tables and versions,
 * every file's size and SHA-256) is the last entry. A failure leaves no zip behind.
 */
export async function exportLakehouse(
  storage: StreamingStorage,
  options: ExportOptions,
): Promise<ExportResult> {
  const listed = await listLakehouse(storage);
  const total = listed.reduce((sum, f) => sum + f.size, 0);
  checkZipLimits(listed, total);
  const writer = await storage.createWriter(options.target);
  let zipBytes = 0;
  const zip = new ZipWriter(async (chunk) => {
    zipBytes += chunk.length;
    if (zipBytes > ZIP_MAX_BYTES) throw tooLarge(zipBytes);
    await writer.write(chunk);
  });
  const written: ManifestFile[] = [];
  let done = 0;
  const addFile = async (file: FileInfo) => {
    const blob = await storage.blob(file.path);
    const result = await zip.add(file.path, blob.stream(), {
      compress: !file.path.endsWith('.parquet'),
      modified: file.modified,
    });
    written.push({ path: file.path, ...result });
    done += file.size;
    options.onProgress?.(done, total);
  };
  try {
    options.onProgress?.(0, total);
    for (const group of groupByTable(listed)) {
      if (group.folder && options.locks) {
        await holdingTable(options.locks, group.folder, async () => {
          // Listed again under the locks: the files of the table as of one version.
          for (const file of lakehouseFiles(await storage.list(group.folder!), isTempFile))
            await addFile(file);
        });
      } else {
        for (const file of group.files) await addFile(file);
      }
    }
    const manifest = buildManifest(written, options.appVersion, (options.now ?? (() => new Date()))());
    await zip.addBytes(MANIFEST_PATH, new TextEncoder().encode(JSON.stringify(manifest, null, 1)), true);
    await zip.finish();
    await writer.close();
    return { path: options.target, zipBytes, manifest };
  } catch (error) {
    await writer.abort().catch(() => {});
    throw error;
  }
}

/** Every file of the lakehouse, sorted by path. */
export async function listLakehouse(storage: StreamingStorage): Promise<FileInfo[]> {
  const files: FileInfo[] = [];
  for (const folder of LAKEHOUSE_FOLDERS)
    files.push(...lakehouseFiles(await storage.list(folder), isTempFile));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Files of each table folder (`tables/<layer>/<name>`), then the rest (folder null). */
function groupByTable(files: FileInfo[]): Array<{ folder: string | null; files: FileInfo[] }> {
  const groups = new Map<string | null, FileInfo[]>();
  for (const file of files) {
    const parts = file.path.split('/');
    const folder = parts[0] === 'tables' && parts.length > 3 ? parts.slice(0, 3).join('/') : null;
    groups.set(folder, [...(groups.get(folder) ?? []), file]);
  }
  return [...groups.entries()].map(([folder, list]) => ({ folder, files: list }));
}

/** Hold a table's locks as a writer does (files shared, then commit): no commit and no VACUUM meanwhile. */
function holdingTable<T>(locks: TableLocks, folder: string, job: () => Promise<T>): Promise<T> {
  return locks.run(filesLockName(folder), 'shared', () =>
    locks.run(commitLockName(folder), 'exclusive', job),
  );
}

function checkZipLimits(files: FileInfo[], total: number): void {
  if (files.length + 1 > ZIP_MAX_ENTRIES)
    throw new LakehouseError(
      'ExportTooLarge',
      `The lakehouse has ${files.length.toLocaleString('en')} files; one zip holds at most ${(ZIP_MAX_ENTRIES - 1).toLocaleString('en')}. ` +
        'Run VACUUM and OPTIMIZE on the largest tables to reduce the number of files, then export again.',
      { files: files.length },
    );
  const estimate = total + files.reduce((sum, f) => sum + zipOverhead(f.path), 0);
  if (estimate > ZIP_MAX_BYTES) throw tooLarge(estimate);
}

function tooLarge(bytes: number): LakehouseError {
  const gib = (n: number) => `${(n / 1024 ** 3).toFixed(2)} GiB`;
  return new LakehouseError(
    'ExportTooLarge',
    `The lakehouse needs ${gib(bytes)} as a zip; one export holds at most 4 GiB. ` +
      'Run VACUUM on the largest tables (or delete old landing files), then export again.',
    { bytes },
  );
}
