import type {
  CommitActions,
  FileHistory,
  SkippingPlan,
  TimelineEntry,
} from '../../lake/explore/explore-types';
import { layoutBoxes, type BoxLayout } from './box-layout';
import type { ExplorerBackend } from './explorer-backend';
import { zorderColumn } from './timeline-facts';
import { axisKindOf } from './value-axis';
import { errorMessage } from '../../engine/error-message';

/** State of the transaction-log explorer: one table, its versions, the version looked at, its files. */
export class ExplorerModel {
  tables = $state<string[]>([]);
  table = $state<string | null>(null);
  timeline = $state<TimelineEntry[]>([]);
  version = $state<number | null>(null);
  actions = $state<CommitActions | null>(null);
  history = $state<FileHistory | null>(null);
  column = $state<string | null>(null);
  filter = $state('');
  plan = $state<SkippingPlan | null>(null);
  busy = $state<string | null>(null);
  error = $state<string | null>(null);

  /** Bumped by every table or version choice, so a late answer to an older one is dropped. */
  private request = 0;

  constructor(private readonly backend: ExplorerBackend) {}

  /** The boxes of the version looked at. */
  get layout(): BoxLayout | null {
    if (!this.history || this.version === null) return null;
    const plan = this.plan?.version === this.version ? this.plan : null;
    return layoutBoxes(this.history, this.version, this.column, plan);
  }

  /** Columns whose min–max range a box can draw. */
  get rangeColumns(): string[] {
    return (this.history?.columns ?? []).filter((c) => axisKindOf(c.type) !== 'none').map((c) => c.name);
  }

  /**
   * List the tables and open `table` (or keep the open one, or the first); with `filter`, mark the
   * files a scan with it reads at the latest version (a link from a query that used data skipping).
   */
  async start(table?: string | null, filter?: string | null): Promise<void> {
    await this.task('Listing tables', async () => {
      this.tables = await this.backend.tableNames();
      const wanted = table ?? this.table ?? this.tables[0] ?? null;
      if (!wanted) return;
      await this.open(wanted);
      if (filter) {
        this.filter = filter;
        await this.explain();
      }
    });
  }

  /** Open a table at its latest version. */
  async open(table: string): Promise<void> {
    const request = ++this.request;
    this.table = table;
    this.plan = null;
    await this.task(`Reading the log of ${table}`, async () => {
      const [timeline, history] = await Promise.all([
        this.backend.timeline(table),
        this.backend.fileHistory(table),
      ]);
      if (request !== this.request) return;
      this.timeline = timeline;
      this.history = history;
      if (!this.column || !this.rangeColumns.includes(this.column))
        this.column = zorderColumn(timeline, this.rangeColumns) ?? this.rangeColumns[0] ?? null;
      await this.show(timeline.at(-1)?.version ?? 0, request);
    });
  }

  /** Look at one version: its actions and its live files. */
  async select(version: number): Promise<void> {
    const request = ++this.request;
    await this.task(`Reading version ${version}`, () => this.show(version, request));
  }

  /** Mark which files of the version looked at a scan with the filter reads and which it skips. */
  async explain(): Promise<void> {
    const table = this.table;
    const version = this.version;
    if (!table || version === null) return;
    if (this.filter.trim() === '') {
      this.plan = null;
      return;
    }
    await this.task('Explaining the filter', async () => {
      this.plan = await this.backend.explainScan(table, this.filter, version);
    });
  }

  private async show(version: number, request: number): Promise<void> {
    if (!this.table) return;
    this.version = version;
    const actions = await this.backend.commitActions(this.table, version).catch(() => null);
    if (request !== this.request) return;
    this.actions = actions;
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
