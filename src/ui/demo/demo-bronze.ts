/**
 * The Bronze tables the demo ingests before its first pipeline stage: what gold.daily_sales (its
 * first chart) reads through its models, and what those models' checks read, so every check runs
 * as it would in one whole run (tests/unit/pipeline/demo-stages.test.ts holds this to the registry).
 * In the order the first chart's models read them.
 */
export const FIRST_BRONZE = [
  'bronze.olist_customers',
  'bronze.olist_order_items',
  'bronze.olist_order_payments',
  'bronze.olist_orders',
  'bronze.olist_products',
  'bronze.olist_category_translation',
  'bronze.olist_sellers',
] as const;

/** The Bronze tables the demo ingests after its first stage: no model of that stage reads them. */
export const LATER_BRONZE = [
  'bronze.olist_geolocation',
  'bronze.olist_order_reviews',
  'bronze.events',
] as const;
