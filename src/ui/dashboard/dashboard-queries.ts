/**
 * The queries behind the dashboard, one per chart, over the Gold tables of CONTRACT.md §3.
 * Each returns small, already-aggregated rows: the worker does the work, the UI only draws.
 */
export const DASHBOARD_QUERIES = {
  kpis: `
    select
      sum(orders)::bigint as orders,
      sum(gmv)::double as gmv,
      sum(payments)::double as payments,
      (sum(payments) / nullif(sum(orders), 0))::double as avg_order_value,
      min(order_date) as first_date,
      max(order_date) as last_date
    from gold.daily_sales`,
  dailySales: `
    select order_date, orders::int as orders, payments::double as payments
    from gold.daily_sales
    order by order_date`,
  topCategories: `
    select category, sum(gmv)::double as gmv, sum(orders)::int as orders
    from gold.category_monthly
    group by category
    order by gmv desc
    limit 12`,
  deliveryByState: `
    select
      customer_state as state,
      sum(delivered_orders)::int as delivered_orders,
      (sum(late_orders) / nullif(sum(delivered_orders), 0))::double as late_rate,
      (sum(avg_delivery_days * delivered_orders) / nullif(sum(delivered_orders), 0))::double as avg_delivery_days
    from gold.delivery_performance
    group by customer_state
    order by delivered_orders desc`,
  reviewVsDelay: `
    select bucket, orders::int as orders, avg_review_score::double as avg_review_score
    from gold.review_vs_delay`,
  cohorts: `
    select cohort_month, month_offset::int as month_offset, retention::double as retention,
           customers::int as customers, cohort_size::int as cohort_size
    from gold.cohort_retention
    where month_offset <= 12
    order by cohort_month, month_offset`,
  funnel: `
    select
      sum(sessions)::int as sessions,
      sum(views)::int as views,
      sum(carts)::int as carts,
      sum(checkouts)::int as checkouts,
      sum(purchases)::int as purchases
    from gold.funnel_daily`,
  rfmSegments: `
    select segment, count(*)::int as customers, avg(monetary)::double as avg_monetary
    from gold.customer_rfm
    group by segment
    order by customers desc`,
} as const;

export type DashboardQuery = keyof typeof DASHBOARD_QUERIES;

/** The Gold table each query reads: its rows can be read as soon as that table is committed. */
export const QUERY_TABLE: Record<DashboardQuery, string> = {
  kpis: 'gold.daily_sales',
  dailySales: 'gold.daily_sales',
  topCategories: 'gold.category_monthly',
  deliveryByState: 'gold.delivery_performance',
  reviewVsDelay: 'gold.review_vs_delay',
  cohorts: 'gold.cohort_retention',
  funnel: 'gold.funnel_daily',
  rfmSegments: 'gold.customer_rfm',
};

/** The queries by the table they read (table -> query key -> SQL), for a pipeline run to answer. */
export function queriesByTable(): Record<string, Record<string, string>> {
  const byTable: Record<string, Record<string, string>> = {};
  for (const key of Object.keys(DASHBOARD_QUERIES) as DashboardQuery[])
    (byTable[QUERY_TABLE[key]] ??= {})[key] = DASHBOARD_QUERIES[key];
  return byTable;
}

/** The order in which review-delay buckets read left to right. */
export const DELAY_BUCKETS = ['early', 'on time', '1-3 days late', '4-7 days late', '8+ days late'];
