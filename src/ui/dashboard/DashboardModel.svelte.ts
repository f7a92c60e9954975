import type { CommitEvent } from '../../service/contract';
import { Priority, QueryCancelled, TablesMissing, type QueryCoordinator } from '../query/coordinator';
import {
  buildQuery,
  DASHBOARD_QUERIES,
  filtersOf,
  NO_FILTERS,
  tableOf,
  type DashboardFilters,
  type DashboardQuery,
  type GoldVersions,
} from './dashboard-queries';
import { errorMessage } from '../../engine/error-message';

type Rows = Record<string, unknown>[];

/**
 * State of the dashboard: the rows behind every chart (or the table it waits for), the filters
 * and the Gold version shown. It asks the query coordinator for each chart's rows, and asks again
 * for a chart when a commit moves its table on, so a chart redraws as soon as its table lands,
 * also during a pipeline run. Rows are replaced only when they changed, so only what is new redraws.
 */
export class DashboardModel {
  /** Rows per query; a key is missing until its query has answered. */
  data = $state<Partial<Record<DashboardQuery, Rows>>>({});
  /** The table a chart waits for, when it does not exist (yet, or at the version shown). */
  waiting = $state<Partial<Record<DashboardQuery, string>>>({});
  error = $state<string | null>(null);
  filters = $state<DashboardFilters>({ ...NO_FILTERS });
  /** The version of each Gold table shown; null shows the latest. */
  asOf = $state<GoldVersions | null>(null);
  /** The pipeline run whose Gold versions `asOf` holds (null: the latest). */
  asOfRun = $state<string | null>(null);
  /** Queries asked for and not answered yet. */
  pending = $state(0);
  /** Set when the Gold tables do not exist yet (nothing has run). */
  readonly empty = $derived(this.waiting.dailySales !== undefined && this.asOf === null);

  private readonly taken: Partial<Record<DashboardQuery, string>> = {};
  private active = false;
  private readonly arrivals: Array<{ key: DashboardQuery; resolve: () => void }> = [];

  constructor(private readonly queries: QueryCoordinator) {}

  /** Start following the lake: load every chart now, and a chart again when its table changes. */
  activate(): void {
    if (this.active) return;
    this.active = true;
    this.queries.onCommit((event) => this.changed(event));
    this.load(DASHBOARD_QUERIES, Priority.Normal);
  }

  /** Resolves when the chart's rows next arrive (Run demo opens the Dashboard at its first chart). */
  nextRows(key: DashboardQuery): Promise<void> {
    return new Promise((resolve) => this.arrivals.push({ key, resolve }));
  }

  /** Narrow the charts; only the charts whose table has a filtered column are asked again. */
  setFilters(filters: DashboardFilters): void {
    const changed = (Object.keys(filters) as (keyof DashboardFilters)[]).filter(
      (k) => filters[k] !== this.filters[k],
    );
    this.filters = { ...filters };
    const kinds = changed.map((k) => (k === 'from' || k === 'to' ? 'dates' : k));
    this.load(
      DASHBOARD_QUERIES.filter((key) => filtersOf(key).some((kind) => kinds.includes(kind))),
      Priority.High,
    );
  }

  /** Show every chart as of these Gold versions (null: the latest); every chart is asked again. */
  setAsOf(versions: GoldVersions | null, run: string | null = null): void {
    this.asOf = versions;
    this.asOfRun = versions ? run : null;
    this.load(DASHBOARD_QUERIES, Priority.High);
  }

  /** Take in a commit: ask again for the charts reading that table (unless they show a fixed version). */
  private changed(event: CommitEvent): void {
    if (event.kind === 'reset') {
      this.asOf = null;
      this.asOfRun = null;
      this.load(DASHBOARD_QUERIES, Priority.Normal);
      return;
    }
    const pinned = this.asOf?.[event.table] !== undefined;
    if (pinned) return;
    this.load(
      DASHBOARD_QUERIES.filter((key) => tableOf(key) === event.table),
      Priority.Normal,
    );
  }

  /** Ask for the rows of these charts (sent before this returns: see QueryCoordinator.query). */
  private load(keys: DashboardQuery[], priority: number): void {
    for (const key of keys) {
      const asOf = this.asOf ?? {};
      const table = tableOf(key);
      if (this.asOf && asOf[table] === undefined) {
        this.waiting[key] = table; // the table did not exist at the version shown
        this.accept(key, undefined);
        continue;
      }
      const { sql, params } = buildQuery(key, this.filters, asOf);
      this.pending += 1;
      this.queries
        .query({ sql, params, priority, client: `dashboard:${key}`, remember: true })
        .then(
          (result) => {
            delete this.waiting[key];
            this.error = null;
            this.accept(key, result.rows);
          },
          (error: unknown) => {
            if (error instanceof QueryCancelled) return;
            if (error instanceof TablesMissing) {
              this.waiting[key] = error.tables[0];
              this.accept(key, undefined);
            } else this.error = errorMessage(error);
          },
        )
        .finally(() => (this.pending -= 1));
    }
  }

  /** Replace a chart's rows only when they changed. */
  private accept(key: DashboardQuery, rows: Rows | undefined): void {
    const json = rows === undefined ? undefined : JSON.stringify(rows, bigints);
    if (this.taken[key] !== json) {
      this.taken[key] = json;
      if (rows === undefined) delete this.data[key];
      else this.data[key] = rows;
    }
    if (rows === undefined) return;
    for (const waiter of this.arrivals.filter((a) => a.key === key)) {
      this.arrivals.splice(this.arrivals.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}

function bigints(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
