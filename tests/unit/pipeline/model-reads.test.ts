import { describe, expect, it } from 'vitest';
import { orderModels } from '../../../src/pipeline/dag';
import { defineModel } from '../../../src/pipeline/model-reads';
import { tablesReadBySql } from '../../../src/pipeline/sql-reads';
import { MODELS } from '../../../src/pipeline/registry';

describe('what a model reads, taken from its SQL', () => {
  it('names each lake table once, in order of first mention, and no column, alias, comment or string', () => {
    const sql = `-- silver.not_read: only a comment
      with o as (select * from silver.orders), i as (select * from "silver"."order_items")
      select o.order_id, 'gold.not_a_table' as label, p.payment_value
      from o join i on i.order_id = o.order_id
      join silver.payments as p on p.order_id = o.order_id
      where o.order_id in (select order_id from silver.orders)`;
    expect(tablesReadBySql(sql)).toEqual(['silver.orders', 'silver.order_items', 'silver.payments']);
  });

  it('keeps the tables only its checks read apart from the inputs', () => {
    const model = defineModel({
      name: 'silver.parcels',
      grain: 'one row per parcel_id',
      sql: 'select * from bronze.parcels join silver.depots using (depot_id)',
      write: { mode: 'overwrite' },
      expectations: [
        { type: 'relationships', column: 'depot_id', to: 'silver.depots', field: 'depot_id', action: 'warn' },
        { type: 'relationships', column: 'route_id', to: 'silver.routes', field: 'route_id', action: 'warn' },
        {
          type: 'expression',
          name: 'parcel_has_scan',
          sql: 'exists (select 1 from silver.scans as s where s.parcel_id = t.parcel_id)',
          action: 'warn',
        },
      ],
    });
    expect(model.inputs).toEqual(['bronze.parcels', 'silver.depots']);
    expect(model.checkInputs).toEqual(['silver.routes', 'silver.scans']);
  });

  it('gives every model of the pipeline the inputs its SQL reads and check inputs only its checks read', () => {
    const byName = Object.fromEntries(MODELS.map((m) => [m.name, [m.inputs, m.checkInputs ?? []]]));
    expect(byName['silver.orders']).toEqual([
      ['bronze.olist_orders', 'silver.customers'],
      ['silver.order_items', 'silver.payments'],
    ]);
    expect(byName['silver.order_items']).toEqual([
      ['bronze.olist_order_items'],
      ['bronze.olist_orders', 'silver.products', 'silver.sellers'],
    ]);
    expect(byName['gold.daily_sales']).toEqual([
      ['silver.orders', 'silver.order_items', 'silver.payments'],
      [],
    ]);
    for (const m of MODELS) expect(m.inputs, m.name).toEqual(tablesReadBySql(m.sql));
  });

  it('finds a cycle when a model reads a table that reads it back through its SQL', () => {
    const declare = (name: string, reads: string) =>
      defineModel({
        name,
        grain: 'one row',
        sql: `select * from ${reads}`,
        write: { mode: 'overwrite' },
        expectations: [],
      });
    expect(() => orderModels([declare('silver.a', 'silver.b'), declare('silver.b', 'silver.a')])).toThrow(
      'The models silver.a, silver.b read each other in a cycle',
    );
  });
});
