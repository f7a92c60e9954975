import type { QueryResult } from '../../engine/types';
import { DASHBOARD_QUERIES, type DashboardQuery } from './dashboard-queries';

type Rows = Record<string, unknown>[];

/** State of the dashboard: the rows behind every chart, or why there are none. */
export class DashboardModel {
  data = $state<Partial<Record<DashboardQuery, Rows>>>({});
  loading = $state(false);
  /** Set when the Gold tables do not exist yet (nothing has run). */
  empty = $state(false);
  error = $state<string | null>(null);

  constructor(private readonly runSql: (query: string) => Promise<QueryResult>) {}

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    const next: Partial<Record<DashboardQuery, Rows>> = {};
    try {
      for (const key of Object.keys(DASHBOARD_QUERIES) as DashboardQuery[]) {
        try {
          next[key] = (await this.runSql(DASHBOARD_QUERIES[key])).rows;
        } catch (error) {
          if (!isMissingTable(error)) throw error;
          next[key] = [];
        }
      }
      this.data = next;
      this.empty = (next.dailySales ?? []).length === 0;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.loading = false;
    }
  }
}

function isMissingTable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /does not exist|Catalog Error/.test(message);
}
