import type { QueryResult } from '../../engine/types';
import type { DataFileInfo, HistoryEntry, TableSummary } from '../../lake/lake-api';
import type { TableProfile } from '../../lake/read/column-profile';
import type { ExportFormat } from '../../service/contract';
import type { TablesBackend } from './tables-backend';
import { errorMessage } from '../../engine/error-message';

/** The tabs of a selected table. */
export type TableTab = 'preview' | 'schema' | 'history' | 'compare' | 'files' | 'maintenance' | 'export';

/** State of the table browser: the tables, the selected one, the version being looked at. */
export class TablesModel {
  tables = $state<TableSummary[]>([]);
  selected = $state<string | null>(null);
  tab = $state<TableTab>('preview');
  version = $state<number | null>(null);
  history = $state<HistoryEntry[]>([]);
  preview = $state<QueryResult | null>(null);
  files = $state<DataFileInfo[]>([]);
  /** The version's columns, types and Delta column statistics. */
  profile = $state<TableProfile | null>(null);
  busy = $state<string | null>(null);
  message = $state<string | null>(null);
  error = $state<string | null>(null);

  /** Bumped by every selection, so an answer to an older one is dropped when it arrives late. */
  private latestRequest = 0;

  constructor(private readonly backend: TablesBackend) {}

  get current(): TableSummary | undefined {
    return this.tables.find((t) => t.name === this.selected);
  }

  async refresh(): Promise<void> {
    await this.task('Listing tables', async () => {
      this.tables = await this.backend.listTables();
      if (this.selected && !this.current) this.selected = null;
      if (!this.selected && this.tables.length) await this.select(this.tables[0].name);
      else if (this.selected) await this.select(this.selected, this.version ?? undefined);
    });
  }

  async select(table: string, version?: number): Promise<void> {
    const request = ++this.latestRequest;
    this.selected = table;
    const history = await this.backend.history(table);
    if (request !== this.latestRequest) return; // a later selection overtook this one
    this.history = history;
    const latest = history.reduce((max, h) => Math.max(max, h.version), 0);
    this.version = version !== undefined && version <= latest ? version : latest;
    await this.loadVersion(request);
  }

  async showVersion(version: number): Promise<void> {
    const request = ++this.latestRequest;
    this.version = version;
    await this.task(`Reading version ${version}`, () => this.loadVersion(request));
  }

  async restore(version: number): Promise<void> {
    const table = this.selected;
    if (table === null) return;
    await this.task(`Restoring ${table} to version ${version}`, async () => {
      const result = await this.backend.restore(table, version);
      // The new version is the one shown (and exported) before the message says it exists.
      this.version = result.version;
      await this.refresh();
      this.message = `${table} restored to version ${version}: that is now version ${result.version}.`;
    });
  }

  async optimize(zorderBy: string[]): Promise<void> {
    const table = this.selected;
    if (table === null) return;
    await this.task(`Optimizing ${table}`, async () => {
      const result = await this.backend.optimize(table, zorderBy);
      const m = result.metrics;
      if (!result.skipped) this.version = result.version;
      await this.refresh();
      this.message = result.skipped
        ? `${table} is already compact; nothing was rewritten.`
        : `OPTIMIZE wrote version ${result.version}: ${m.numRemovedFiles ?? '?'} files → ${m.numAddedFiles ?? '?'}.`;
    });
  }

  async vacuum(retainHours: number, dryRun: boolean): Promise<string[]> {
    const table = this.selected;
    if (table === null) return [];
    let files: string[] = [];
    await this.task(dryRun ? `Listing what VACUUM would delete` : `Vacuuming ${table}`, async () => {
      const result = await this.backend.vacuum(table, retainHours, dryRun);
      files = result.files;
      const size = `${(result.bytes / 1024 / 1024).toFixed(1)} MB`;
      this.message = dryRun
        ? `VACUUM would delete ${result.files.length} files (${size}).`
        : `VACUUM deleted ${result.files.length} files (${size}).`;
      if (!dryRun) await this.refresh();
    });
    return files;
  }

  async exportAs(format: ExportFormat): Promise<{ fileName: string; blob: Blob } | null> {
    const table = this.selected;
    const version = this.version;
    if (table === null || version === null) return null;
    let made: { fileName: string; blob: Blob } | null = null;
    await this.task(`Exporting ${table} as ${format}`, async () => {
      const file = await this.backend.exportTable(table, format, version);
      made = { fileName: file.fileName, blob: new Blob([file.bytes as BlobPart], { type: file.mimeType }) };
      this.message = `${file.fileName} is ready (${(file.bytes.byteLength / 1024 / 1024).toFixed(1)} MB).`;
    });
    return made;
  }

  private async loadVersion(request: number): Promise<void> {
    if (this.selected === null || this.version === null) return;
    const [preview, files, profile] = await Promise.all([
      this.backend.preview(this.selected, this.version),
      this.backend.files(this.selected, this.version),
      this.backend.profile(this.selected, this.version),
    ]);
    if (request !== this.latestRequest) return;
    this.preview = preview;
    this.files = files;
    this.profile = profile;
  }

  private async task(label: string, job: () => Promise<void>): Promise<void> {
    this.busy = label;
    this.error = null;
    try {
      await job();
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.busy = null;
    }
  }
}
