import type { ModelFixture } from '../model-fixture';

/** silver.dim_customer, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'builds SCD2 history: u1 moved A -> B -> A, which is three rows',
      expect: [
        {
          sql: 'select * from silver.dim_customer order by customer_unique_id, valid_from',
          rows: [
            {
              customer_unique_id: 'u1',
              zip_prefix: '01001',
              city: 'sao paulo',
              state: 'SP',
              valid_from: '2018-01-05 10:00:00',
              valid_to: '2018-02-10 12:00:00',
              is_current: false,
            },
            {
              customer_unique_id: 'u1',
              zip_prefix: '20000',
              city: 'rio de janeiro',
              state: 'RJ',
              valid_from: '2018-02-10 12:00:00',
              valid_to: '2018-03-01 09:00:00',
              is_current: false,
            },
            {
              customer_unique_id: 'u1',
              zip_prefix: '01001',
              city: 'sao paulo',
              state: 'SP',
              valid_from: '2018-03-01 09:00:00',
              valid_to: null,
              is_current: true,
            },
            {
              customer_unique_id: 'u2',
              zip_prefix: '30100',
              city: 'belo horizonte',
              state: 'MG',
              valid_from: '2018-01-05 15:00:00',
              valid_to: null,
              is_current: true,
            },
            {
              customer_unique_id: 'u3',
              zip_prefix: '40000',
              city: 'salvador',
              state: 'BA',
              valid_from: '2018-01-05 20:00:00',
              valid_to: null,
              is_current: true,
            },
            {
              customer_unique_id: 'u4',
              zip_prefix: '01234',
              city: 'campinas',
              state: 'SP',
              valid_from: '2018-03-01 11:00:00',
              valid_to: null,
              is_current: true,
            },
            {
              customer_unique_id: 'u5',
              zip_prefix: '50000',
              city: 'recife',
              state: 'PE',
              valid_from: '2018-01-20 10:00:00',
              valid_to: null,
              is_current: true,
            },
          ],
        },
      ],
    },
  ],
} satisfies ModelFixture;
