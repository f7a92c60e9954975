import type { QueryResult } from '../../engine/types';
import { DASHBOARD_QUERIES, type DashboardQuery } from './dashboard-queries';

type Rows = Record<string, unknown>[];

/**
 * State of the dashboard: the rows behind every chart, or why there are none. One for the page,
 * so rows a pipeline run sends while another screen shows are there when the Dashboard opens.
 * A chart's rows are replaced only when they changed, so a reload redraws only what is new.
 */
export class DashboardModel {
  /** Rows per query; a key is missing until its query has answered (its table may not exist yet). */
  data = $state<Partial<Record<DashboardQuery, Rows>>>({});
  loading = $state(false);
  error = $state<string | null>(null);
  /** The rows last taken per query, as JSON: to tell new rows from the same rows read again. */
  private readonly taken: Partial<Record<DashboardQuery, string>> = {};
  /** Set when the Gold tables do not exist yet (nothing has run). */
  readonly empty = $derived(this.data.dailySales !== undefined && this.data.dailySales.length === 0);

  /** Read every query again (through the worker's queue, so after any job running now). */
  async load(runSql: (query: string) => Promise<QueryResult>): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      for (const key of Object.keys(DASHBOARD_QUERIES) as DashboardQuery[]) {
        try {
          this.accept({ [key]: (await runSql(DASHBOARD_QUERIES[key])).rows });
        } catch (error) {
          if (!isMissingTable(error)) throw error;
          this.accept({ [key]: [] });
        }
      }
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.loading = false;
    }
  }

  /** Take rows read elsewhere (by a pipeline run, as their table landed); unchanged rows stay as they are. */
  accept(rows: Partial<Record<DashboardQuery, Rows>>): void {
    for (const [key, next] of Object.entries(rows) as [DashboardQuery, Rows][]) {
      const json = JSON.stringify(next, bigints);
      if (this.taken[key] === json) continue;
      this.taken[key] = json;
      this.data[key] = next;
    }
  }
}

/** The dashboard's rows, shared by the screen and the pipeline runs that feed it. */
export const dashboard = new DashboardModel();

function bigints(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

function isMissingTable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /does not exist|Catalog Error/.test(message);
}
