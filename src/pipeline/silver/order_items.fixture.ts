import type { ModelFixture } from '../model-fixture';

/** silver.order_items, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'types money as DECIMAL(18,2)',
      expect: [
        {
          sql: `select column_name, data_type from duckdb_columns()
            where (schema_name, table_name) = ('silver', 'order_items') and column_name in ('price', 'freight_value')
            order by 1`,
          rows: [
            { column_name: 'freight_value', data_type: 'DECIMAL(18,2)' },
            { column_name: 'price', data_type: 'DECIMAL(18,2)' },
          ],
        },
      ],
    },
  ],
  findings: [{ expectation: 'relationships(product_id -> silver.products.product_id)', rowsFailing: 1 }],
} satisfies ModelFixture;
