import { describe, expect, it } from 'vitest';
import { MODELS } from '../../../src/pipeline/registry';
import { keyOfModel } from '../../../src/ui/tables/table-key';

describe('the key a table compare matches rows by', () => {
  it('takes a MERGE model’s keys, else the columns its grain names', () => {
    const byName = new Map(MODELS.map((m) => [m.name, keyOfModel(m)]));
    expect(byName.get('silver.events')).toEqual(['event_id']);
    expect(byName.get('silver.orders')).toEqual(['order_id']);
    expect(byName.get('silver.order_items')).toEqual(['order_id', 'order_item_id']);
    expect(byName.get('silver.dim_customer')).toEqual(['customer_unique_id', 'valid_from']);
    expect(byName.get('gold.category_monthly')).toEqual(['month', 'category']);
  });

  it('finds no key in a grain that does not name columns', () => {
    const model = (grain: string) => ({ grain, write: { mode: 'overwrite' as const } });
    expect(keyOfModel(model('one row per order, roughly'))).toBeNull();
    expect(keyOfModel(model('every valid order'))).toBeNull();
    expect(keyOfModel(model('one row per (order_id, )'))).toBeNull();
  });
});
