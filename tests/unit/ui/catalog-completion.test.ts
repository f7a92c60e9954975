import { describe, expect, it } from 'vitest';
import { completeFromCatalog, type CatalogTable } from '../../../src/ui/sql/editor/catalog-completion';

const CATALOG: CatalogTable[] = [
  {
    name: 'silver.orders',
    layer: 'silver',
    columns: [
      { name: 'order_id', type: 'VARCHAR' },
      { name: 'Order Total', type: 'DECIMAL(18,2)' },
    ],
  },
  { name: 'silver.customers', layer: 'silver', columns: [{ name: 'customer_id', type: 'VARCHAR' }] },
  { name: 'gold.daily_sales', layer: 'gold', columns: [{ name: 'day', type: 'DATE' }] },
];

const labels = (before: string, query = before) =>
  completeFromCatalog(before, query, CATALOG)?.options.map((o) => o.label);

describe('the SQL editor completes names from the live catalog', () => {
  it('offers every layer.table for a bare word, from the word start', () => {
    const found = completeFromCatalog('select * from silv', 'select * from silv', CATALOG);
    expect(found?.from).toBe('select * from '.length);
    expect(found?.options.filter((o) => o.type === 'table').map((o) => o.label)).toEqual([
      'silver.orders',
      'silver.customers',
      'gold.daily_sales',
    ]);
    expect(found?.options.map((o) => o.type)).toEqual(['table', 'table', 'table']);
  });

  it("offers a layer's tables after `layer.`, replacing the whole dotted name", () => {
    const found = completeFromCatalog('from silver.', 'from silver.', CATALOG);
    expect(found?.from).toBe('from '.length);
    expect(found?.options.map((o) => o.label)).toEqual(['silver.orders', 'silver.customers']);
  });

  it('offers the columns with their types after `layer.table.`, quoting a name that needs it', () => {
    const found = completeFromCatalog('select silver.orders.', 'select silver.orders.', CATALOG);
    expect(found?.from).toBe('select silver.orders.'.length);
    expect(found?.options).toEqual([
      { label: 'order_id', type: 'column', detail: 'VARCHAR' },
      { label: 'Order Total', type: 'column', detail: 'DECIMAL(18,2)', apply: '"Order Total"' },
    ]);
  });

  it('offers the columns of tables the query names, for a bare word and after `table.`', () => {
    const query = 'select cu from silver.customers';
    expect(labels('select cu', query)).toContain('customer_id');
    expect(labels('select cu', query)).not.toContain('day');
    expect(labels('select customers.', query)).toEqual(['customer_id']);
  });

  it('offers nothing for an unknown table, a lone dot or nothing typed', () => {
    expect(completeFromCatalog('select bronze.nope.', '', CATALOG)).toBeNull();
    expect(completeFromCatalog('select x.', '', CATALOG)).toBeNull();
    expect(completeFromCatalog('select 1 + ', '', CATALOG)).toBeNull();
    expect(completeFromCatalog('select 1 .', '', CATALOG)).toBeNull();
  });
});
