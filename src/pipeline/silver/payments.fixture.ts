import type { ModelFixture } from '../model-fixture';

/** silver.payments, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'types money as DECIMAL(18,2)',
      expect: [
        {
          sql: `select column_name, data_type from duckdb_columns()
            where (schema_name, table_name) = ('silver', 'payments') and column_name in ('payment_value')
            order by 1`,
          rows: [{ column_name: 'payment_value', data_type: 'DECIMAL(18,2)' }],
        },
      ],
    },
  ],
} satisfies ModelFixture;
