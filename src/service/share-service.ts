import { version as appVersion } from '../../package.json';
import type { ProgressCallback } from '../engine/types';
import { commitLockName, filesLockName, LAKE_LOCK } from '../lake/context';
import type { TableLocks } from '../lake/locks/table-locks';
import { isStreamingStorage, streamingStorage } from '../lake/storage/streaming';
import { exportLakehouse } from '../share/export-lakehouse';
import { importLakehouse, lakehouseContents, type ImportResult } from '../share/import-lakehouse';
import type { ManifestTable } from '../share/manifest';
import { openLakehouseZip } from '../share/read-lakehouse-zip';
import { recoverSwap } from '../share/swap-in';
import type { ServiceDeps, WithDeps } from './service-deps';
import { dropSessionTables } from './session-tables';

/** Storage folder of the latest export (kept until the next one, so its download can be read). */
const EXPORTS_FOLDER = '.exports';

/** Held by an import from its first staged file to its swap, in whichever tab: one import at a time. */
const IMPORT_LOCK = 'pocket-lakehouse:import';

/**
 * Before the engine serves anything: finish or undo an import that a closed tab left in the middle
 * of its swap, and delete what imports that never reached it staged. Waits for an import running in
 * another tab.
 */
export async function recoverInterruptedImport({ storage, lake }: ServiceDeps): Promise<void> {
  // A storage that cannot move files (a test double) cannot have been swapped into either.
  if (!isStreamingStorage(storage)) return;
  await lake.locks.run(IMPORT_LOCK, 'exclusive', () => recoverSwap(storage));
}

/** What "Export lakehouse" made: a file backed by browser storage, and what it holds. */
export interface LakehouseExport {
  file: Blob;
  fileName: string;
  zipBytes: number;
  tables: ManifestTable[];
  fileCount: number;
}

/** What a lakehouse zip holds, and what the lakehouse holds now (to ask before replacing it). */
export interface LakehouseZipSummary {
  fileName: string;
  appVersion: string;
  exportedAt: string;
  tables: ManifestTable[];
  fileCount: number;
  totalBytes: number;
  current: { tables: number; files: number };
}

/** The whole lakehouse as one zip, out and in. */
export function createShareService(withDeps: WithDeps, stopSources: () => Promise<unknown>) {
  return {
    /**
     * Write every table with its history, the landing zone and the checkpoints into one zip in
     * browser storage, streamed; resolves with a File read from there (not held in memory).
     */
    lakehouse(onProgress?: ProgressCallback): Promise<LakehouseExport> {
      return withDeps(async ({ storage, lake }) => {
        const streaming = streamingStorage(storage);
        await streaming.deleteFolder(EXPORTS_FOLDER);
        const fileName = `pocket-lakehouse-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.zip`;
        // The lake lock shared: a reset or an import in another tab waits until the zip is written.
        const result = await lake.locks.run(LAKE_LOCK, 'shared', () =>
          exportLakehouse(streaming, {
            appVersion,
            target: `${EXPORTS_FOLDER}/${fileName}`,
            locks: lake.locks,
            onProgress: (done, total) =>
              onProgress?.({ step: 'Exporting the lakehouse', done, total, unit: 'bytes' }),
          }),
        );
        return {
          file: await streaming.blob(result.path),
          fileName,
          zipBytes: result.zipBytes,
          tables: result.manifest.tables,
          fileCount: result.manifest.fileCount,
        };
      });
    },

    /** Check a lakehouse zip (structure and manifest, not yet the checksums) and say what it holds. */
    inspectZip(file: File): Promise<LakehouseZipSummary> {
      return withDeps(async ({ storage }) => {
        const { manifest } = await openLakehouseZip(file, file.name);
        return {
          fileName: file.name,
          appVersion: manifest.appVersion,
          exportedAt: manifest.exportedAt,
          tables: manifest.tables,
          fileCount: manifest.fileCount,
          totalBytes: manifest.totalBytes,
          current: await lakehouseContents(streamingStorage(storage)),
        };
      });
    },

    /**
     * Replace the lakehouse with the one in a zip: checked, staged and verified first, swapped in
     * holding every table's locks. A lakehouse that holds data is replaced only with `replace`.
     * A running event stream is stopped first, as a reset does.
     */
    async importZip(file: File, replace: boolean, onProgress?: ProgressCallback): Promise<ImportResult> {
      await stopSources();
      return withDeps(({ storage, lake, engine }) =>
        lake.locks.run(IMPORT_LOCK, 'exclusive', () =>
          importLakehouse(streamingStorage(storage), file, file.name, {
            replace,
            onProgress: (done, total) =>
              onProgress?.({ step: `Importing ${file.name}`, done, total, unit: 'bytes' }),
            exclusive: (folders, job) => holdingAll(lake.locks, folders, job),
            forget: async () => {
              await lake.forget();
              await dropSessionTables(engine);
            },
          }),
        ),
      );
    },
  };
}

/**
 * Hold the lake lock exclusively (no write of any table in flight in any tab, none starting — a
 * table being created included), then every table's locks, as VACUUM and a committing writer do
 * together, in one fixed order.
 */
function holdingAll<T>(locks: TableLocks, folders: string[], job: () => Promise<T>): Promise<T> {
  return locks.run(LAKE_LOCK, 'exclusive', () => holdingTables(locks, folders, job));
}

function holdingTables<T>(locks: TableLocks, folders: string[], job: () => Promise<T>): Promise<T> {
  if (folders.length === 0) return job();
  const [first, ...rest] = folders;
  return locks.run(filesLockName(first), 'exclusive', () =>
    locks.run(commitLockName(first), 'exclusive', () => holdingTables(locks, rest, job)),
  );
}
