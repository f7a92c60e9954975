import type { HistoryEntry, LakeApi } from '../../lake/lake-api';
import type { Storage } from '../../lake/storage/types';
import { LANDING } from '../olist-files';

/** A landing file some Bronze version holds. */
export interface IngestedFile {
  path: string;
  sha256: string;
  rows: number;
  /** Batch number (simulator batches only). */
  seq?: number;
  /** Bronze version that committed it. */
  version: number;
}

interface CheckpointFile {
  table: string;
  /** The table version this list was read at. */
  tableVersion: number;
  files: IngestedFile[];
}

/** The commit parameter naming the landing files a Bronze version ingested. */
export const INGESTED_FILES_PARAM = 'ingestedFiles';

/**
 * Which landing files each Bronze table holds. The truth is the table's own log: every ingestion
 * commit names its files (path, SHA-256, rows) in its commitInfo, atomically with the rows. The
 * file `landing/_checkpoints/<table>.json` caches that list together with the table version it
 * was read at; when the table has moved on (another writer, a killed tab after its commit,
 * a reset) the list is read again from the log, so it can never disagree with the table.
 */
export class IngestCheckpoint {
  private readonly memo = new Map<string, CheckpointFile>();

  constructor(
    private readonly storage: Storage,
    private readonly lake: LakeApi,
  ) {}

  /** The landing files a Bronze table holds. */
  async files(table: string): Promise<IngestedFile[]> {
    const version = await this.lake.latestVersion(table);
    if (version < 0) {
      // No table, no files: its first commit (recorded) then extends this list instead of reading the log.
      this.memo.set(table, { table, tableVersion: -1, files: [] });
      return [];
    }
    const cached = this.memo.get(table) ?? (await this.readCache(table));
    if (cached && cached.tableVersion === version) return cached.files;
    const files = filesFromHistory(await this.lake.history(table));
    await this.save({ table, tableVersion: version, files });
    return files;
  }

  /** Note a commit this ingestion just made (the cache stays valid only if nobody else committed). */
  async recorded(table: string, version: number, files: IngestedFile[]): Promise<void> {
    const cached = this.memo.get(table);
    if (!cached || cached.tableVersion !== version - 1) {
      this.memo.delete(table);
      await this.files(table);
      return;
    }
    await this.save({ table, tableVersion: version, files: [...cached.files, ...files] });
  }

  private async readCache(table: string): Promise<CheckpointFile | null> {
    try {
      const parsed = JSON.parse(
        new TextDecoder().decode(await this.storage.read(pathOf(table))),
      ) as CheckpointFile;
      return parsed.table === table && Array.isArray(parsed.files) ? parsed : null;
    } catch {
      return null; // absent or unreadable: the log is read instead
    }
  }

  private async save(checkpoint: CheckpointFile): Promise<void> {
    this.memo.set(checkpoint.table, checkpoint);
    const bytes = new TextEncoder().encode(JSON.stringify(checkpoint));
    // Only a cache: when it cannot be written (storage full), the list is read from the log next time,
    // and the ingestion whose commit it records has succeeded all the same.
    await this.storage.write(pathOf(checkpoint.table), bytes).catch((error: unknown) => {
      console.warn(`The ingestion cache ${pathOf(checkpoint.table)} was not written:`, error);
    });
  }
}

/** The landing files named by a table's ingestion commits. */
export function filesFromHistory(history: HistoryEntry[]): IngestedFile[] {
  const files: IngestedFile[] = [];
  for (const entry of [...history].sort((a, b) => a.version - b.version)) {
    const raw = entry.operationParameters?.[INGESTED_FILES_PARAM];
    if (raw === undefined) continue;
    const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<Omit<IngestedFile, 'version'>>;
    for (const f of list) files.push({ ...f, version: entry.version });
  }
  return files;
}

function pathOf(table: string): string {
  return `${LANDING.checkpoints}/${table}.json`;
}
