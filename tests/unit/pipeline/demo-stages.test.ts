import { describe, expect, it } from 'vitest';
import { orderModels, selectModels, sourcesNeededFor } from '../../../src/pipeline/dag';
import { MODELS } from '../../../src/pipeline/registry';
import { FIRST_CHART, tableOf } from '../../../src/ui/dashboard/dashboard-queries';

const ordered = orderModels(MODELS);
const split = sourcesNeededFor(ordered, tableOf(FIRST_CHART));

describe('Run demo in two stages: the Bronze tables of the first chart, then the rest', () => {
  it('ingests first what gold.daily_sales reads through its models, and what their checks read', () => {
    expect(tableOf(FIRST_CHART)).toBe('gold.daily_sales');
    expect([...split.needed].sort()).toEqual([
      'bronze.olist_category_translation',
      'bronze.olist_customers',
      'bronze.olist_order_items',
      'bronze.olist_order_payments',
      'bronze.olist_orders',
      // read by silver.products and silver.sellers, which silver.order_items' relationship checks read
      'bronze.olist_products',
      'bronze.olist_sellers',
    ]);
    expect([...split.others].sort()).toEqual([
      'bronze.events',
      'bronze.olist_geolocation',
      'bronze.olist_order_reviews',
    ]);
  });

  it('lists them in the order the first chart’s models read them', () => {
    expect(split.needed.slice(0, 4).sort()).toEqual([
      'bronze.olist_customers',
      'bronze.olist_order_items',
      'bronze.olist_order_payments',
      'bronze.olist_orders',
    ]);
  });

  it('builds the first chart’s table in its first stage, each model with everything it and its checks read', () => {
    const first = selectModels(ordered, { without: split.others });
    const built = new Set(first.map((m) => m.name));
    const ingested = new Set(split.needed);
    expect(built.has(tableOf(FIRST_CHART))).toBe(true);
    for (const model of first) {
      for (const read of [...model.inputs, ...(model.checkInputs ?? [])])
        expect(built.has(read) || ingested.has(read), `${model.name} reads ${read}`).toBe(true);
    }
  });
});
