import type { SqlValue } from '../../engine/types';
import { quoteQualified } from '../../engine/sql-quote';
import { tablesRead } from '../../lake/sql/tables-read';

/** What the Dashboard can be narrowed to. Dates are `YYYY-MM-DD`; null means no limit. */
export interface DashboardFilters {
  from: string | null;
  to: string | null;
  state: string | null;
  category: string | null;
}

/** No filter at all. */
export const NO_FILTERS: DashboardFilters = { from: null, to: null, state: null, category: null };

/** The version of each Gold table to read (`VERSION AS OF`); a table not named reads its latest. */
export type GoldVersions = Record<string, number>;

/** Which filters a query can honour: those whose column its Gold table has. */
export type FilterKind = 'dates' | 'state' | 'category';

/** One chart's query: SQL with `?` for every value, and the values in order. */
export interface ChartQuery {
  sql: string;
  params: SqlValue[];
}

/** Where a query reads from and which of its columns the filters apply to. */
interface QuerySource {
  table: string;
  /** Date column and whether it holds months (first day) rather than days. */
  date?: { column: string; monthly: boolean };
  state?: string;
  category?: string;
  /** The query, given its FROM (the table, maybe `VERSION AS OF n`) and its WHERE clause. */
  sql: (from: string, where: string) => string;
}

/**
 * The queries behind the dashboard, one per chart, over the Gold tables of CONTRACT.md §3, in
 * the order the charts appear. Each returns small, already-aggregated rows: the worker does the
 * work, the UI only draws.
 */
const SOURCES = {
  kpis: {
    table: 'gold.daily_sales',
    date: { column: 'order_date', monthly: false },
    sql: (from, where) => `
      select
        sum(orders)::bigint as orders,
        sum(gmv)::double as gmv,
        sum(payments)::double as payments,
        (sum(payments) / nullif(sum(orders), 0))::double as avg_order_value,
        min(order_date) as first_date,
        max(order_date) as last_date
      from ${from}${where}`,
  },
  dailySales: {
    table: 'gold.daily_sales',
    date: { column: 'order_date', monthly: false },
    sql: (from, where) => `
      select order_date, orders::int as orders, payments::double as payments
      from ${from}${where}
      order by order_date`,
  },
  topCategories: {
    table: 'gold.category_monthly',
    date: { column: 'month', monthly: true },
    category: 'category',
    sql: (from, where) => `
      select category, sum(gmv)::double as gmv, sum(orders)::int as orders
      from ${from}${where}
      group by category
      order by gmv desc, category
      limit 12`,
  },
  deliveryByState: {
    table: 'gold.delivery_performance',
    date: { column: 'month', monthly: true },
    state: 'customer_state',
    sql: (from, where) => `
      select
        customer_state as state,
        sum(delivered_orders)::int as delivered_orders,
        (sum(late_orders) / nullif(sum(delivered_orders), 0))::double as late_rate,
        (sum(avg_delivery_days * delivered_orders) / nullif(sum(delivered_orders), 0))::double as avg_delivery_days
      from ${from}${where}
      group by customer_state
      order by delivered_orders desc, state`,
  },
  reviewVsDelay: {
    table: 'gold.review_vs_delay',
    sql: (from, where) => `
      select bucket, orders::int as orders, avg_review_score::double as avg_review_score
      from ${from}${where}`,
  },
  cohorts: {
    table: 'gold.cohort_retention',
    date: { column: 'cohort_month', monthly: true },
    sql: (from, where) => `
      select cohort_month, month_offset::int as month_offset, retention::double as retention,
             customers::int as customers, cohort_size::int as cohort_size
      from ${from}${where ? `${where} and` : ' where'} month_offset <= 12
      order by cohort_month, month_offset`,
  },
  funnel: {
    table: 'gold.funnel_daily',
    date: { column: 'event_date', monthly: false },
    sql: (from, where) => `
      select
        sum(sessions)::int as sessions,
        sum(views)::int as views,
        sum(carts)::int as carts,
        sum(checkouts)::int as checkouts,
        sum(purchases)::int as purchases
      from ${from}${where}`,
  },
  rfmSegments: {
    table: 'gold.customer_rfm',
    sql: (from, where) => `
      select segment, count(*)::int as customers, avg(monetary)::double as avg_monetary
      from ${from}${where}
      group by segment
      order by customers desc, segment`,
  },
} satisfies Record<string, QuerySource>;

export type DashboardQuery = keyof typeof SOURCES;

/** Every query, in the order the charts appear. */
export const DASHBOARD_QUERIES = Object.keys(SOURCES) as DashboardQuery[];

/** The chart the Dashboard opens at: Run demo builds its table first and shows it when its rows arrive. */
export const FIRST_CHART: DashboardQuery = 'dailySales';

/**
 * The query of one chart with the filters its table can honour, reading the Gold version
 * `asOf` names for its table (the latest otherwise). Every filter value is a bound parameter.
 */
export function buildQuery(
  key: DashboardQuery,
  filters: DashboardFilters,
  asOf: GoldVersions = {},
): ChartQuery {
  const source: QuerySource = SOURCES[key];
  const version = asOf[source.table];
  const from =
    quoteQualified(source.table) + (version === undefined ? '' : ` version as of ${Math.trunc(version)}`);
  const conditions: string[] = [];
  const params: SqlValue[] = [];
  if (source.date) {
    const { column, monthly } = source.date;
    // A monthly row counts when its month overlaps the range.
    if (filters.from) {
      conditions.push(monthly ? `${column} >= date_trunc('month', ?::date)` : `${column} >= ?::date`);
      params.push(filters.from);
    }
    if (filters.to) {
      conditions.push(`${column} <= ?::date`);
      params.push(filters.to);
    }
  }
  if (source.state && filters.state) {
    conditions.push(`${source.state} = ?`);
    params.push(filters.state);
  }
  if (source.category && filters.category) {
    conditions.push(`${source.category} = ?`);
    params.push(filters.category);
  }
  const where = conditions.length ? ` where ${conditions.join(' and ')}` : '';
  return { sql: source.sql(from, where), params };
}

/** The filters a chart's query honours (the others do not apply to its Gold table). */
export function filtersOf(key: DashboardQuery): FilterKind[] {
  const source: QuerySource = SOURCES[key];
  const kinds: FilterKind[] = [];
  if (source.date) kinds.push('dates');
  if (source.state) kinds.push('state');
  if (source.category) kinds.push('category');
  return kinds;
}

/** The Gold table a chart reads, found in its own SQL by the lake's reference finder. */
export function tableOf(key: DashboardQuery): string {
  return tablesRead(buildQuery(key, NO_FILTERS).sql)[0].table;
}

/**
 * The tables the Dashboard reads, in the order its charts appear: a pipeline run builds them
 * first, so the first chart can draw long before the run ends.
 */
export function dashboardTables(): string[] {
  const tables = DASHBOARD_QUERIES.flatMap((key) =>
    tablesRead(buildQuery(key, NO_FILTERS).sql).map((r) => r.table),
  );
  return [...new Set(tables)];
}

/** The values the filters offer: dates, states and categories present in Gold. */
export const FILTER_OPTIONS_QUERIES = {
  states: `select distinct customer_state as value from gold.delivery_performance where customer_state is not null order by value`,
  categories: `select category as value from gold.category_monthly group by category order by sum(gmv) desc, category`,
  dates: `select min(order_date)::varchar as first, max(order_date)::varchar as last from gold.daily_sales`,
} as const;

/** The order in which review-delay buckets read left to right. */
export const DELAY_BUCKETS = ['early', 'on time', '1-3 days late', '4-7 days late', '8+ days late'];
