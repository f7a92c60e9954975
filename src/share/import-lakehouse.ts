import type { StreamingStorage } from '../lake/storage/streaming';
import { listLakehouse } from './export-lakehouse';
import { ImportRefused, notEmpty } from './import-refused';
import { tablesOf, type ManifestTable } from './manifest';
import { openLakehouseZip, stageLakehouse } from './read-lakehouse-zip';
import { STAGING_FOLDER, swapIn } from './swap-in';

/** How an import runs. */
export interface ImportOptions {
  /** Replace a lakehouse that holds data; without it a non-empty lakehouse refuses the import. */
  replace: boolean;
  /** Bytes of lakehouse files staged so far, of all of them. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Run the swap alone: holding the locks of the tables named (`tables/<layer>/<name>` folders), so
   * no writer in another tab or worker commits while the files change.
   */
  exclusive: <T>(tableFolders: string[], job: () => Promise<T>) => Promise<T>;
  /** Forget everything loaded from the old files (snapshots, loaded tables, ingestion caches). */
  forget: () => Promise<void>;
}

/** What an import brought in. */
export interface ImportResult {
  tables: ManifestTable[];
  fileCount: number;
  totalBytes: number;
  /** The lakehouse it replaced (0 and 0 when it was empty). */
  replaced: { tables: number; files: number };
}

/** How much the lakehouse holds now. */
export async function lakehouseContents(
  storage: StreamingStorage,
): Promise<{ tables: number; files: number }> {
  const files = await listLakehouse(storage);
  return { tables: tablesOf(files.map((f) => f.path)).length, files: files.length };
}

/**
 * Import a lakehouse zip: check it (format, manifest, paths), stage every file into a folder of
 * its own while checking its SHA-256, and only then swap the staged files in place of the current
 * ones. A damaged or foreign zip, or a lakehouse that holds data without `replace`, is refused with
 * the reason, and then — as after any failure part-way — the lakehouse is exactly as it was.
 */
export async function importLakehouse(
  storage: StreamingStorage,
  file: Blob,
  fileName: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const zip = await openLakehouseZip(file, fileName);
  const before = await lakehouseContents(storage);
  if (!options.replace && before.files > 0) throw notEmpty(fileName, before.tables, before.files);
  await checkSpace(storage, fileName, zip.manifest.totalBytes);
  const id = crypto.randomUUID();
  const staging = `${STAGING_FOLDER}/import-${id}`;
  try {
    await stageLakehouse(storage, zip, staging, options.onProgress);
    const folders = new Set(zip.manifest.tables.map((t) => tableFolderOf(t.name)));
    for (const f of await listLakehouse(storage)) {
      const parts = f.path.split('/');
      if (parts[0] === 'tables' && parts.length > 3) folders.add(parts.slice(0, 3).join('/'));
    }
    const replaced = await options.exclusive([...folders].sort(), async () => {
      const now = await lakehouseContents(storage);
      if (!options.replace && now.files > 0) throw notEmpty(fileName, now.tables, now.files);
      await swapIn(
        storage,
        { folder: staging, paths: zip.manifest.files.map((f) => f.path) },
        `${STAGING_FOLDER}/replaced-${id}`,
        options.forget,
      );
      return now;
    });
    return {
      tables: zip.manifest.tables,
      fileCount: zip.manifest.fileCount,
      totalBytes: zip.manifest.totalBytes,
      replaced,
    };
  } finally {
    await storage.deleteFolder(staging).catch(() => {});
  }
}

function tableFolderOf(table: string): string {
  const [layer, name] = table.split('.');
  return `tables/${layer}/${name}`;
}

async function checkSpace(storage: StreamingStorage, fileName: string, needed: number): Promise<void> {
  const usage = await storage.usage();
  const free = usage.quotaBytes - usage.usedBytes;
  if (needed <= free) return;
  const mb = (n: number) => `${Math.ceil(n / 1024 / 1024).toLocaleString('en')} MB`;
  throw new ImportRefused(
    fileName,
    `importing needs ${mb(needed)} of free browser storage and ${mb(Math.max(0, free))} is free`,
    { needed, free },
  );
}
