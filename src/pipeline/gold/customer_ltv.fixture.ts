import type { Row } from '../../engine/types';
import type { ModelFixture } from '../model-fixture';

/** The rows of gold.customer_ltv, one per customer with a valid order. */
export const customerLtvRows: Row[] = [
  {
    customer_unique_id: 'u1',
    first_order_date: '2018-01-05',
    last_order_date: '2018-03-01',
    orders: 3,
    total_payments: 253,
    avg_order_value: 253 / 3,
    tenure_days: 55,
  },
  {
    customer_unique_id: 'u2',
    first_order_date: '2018-02-25',
    last_order_date: '2018-02-25',
    orders: 1,
    total_payments: 77,
    avg_order_value: 77,
    tenure_days: 0,
  },
  {
    customer_unique_id: 'u3',
    first_order_date: '2018-01-05',
    last_order_date: '2018-01-05',
    orders: 1,
    total_payments: 0,
    avg_order_value: 0,
    tenure_days: 0,
  },
  {
    customer_unique_id: 'u4',
    first_order_date: '2018-03-01',
    last_order_date: '2018-03-01',
    orders: 2,
    total_payments: 56.5,
    avg_order_value: 28.25,
    tenure_days: 0,
  },
  {
    customer_unique_id: 'u5',
    first_order_date: '2018-01-20',
    last_order_date: '2018-03-15',
    orders: 2,
    total_payments: 138,
    avg_order_value: 69,
    tenure_days: 54,
  },
];

/** gold.customer_ltv, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'valid orders only; the customer-less order o12 counts nowhere here',
      expect: [
        {
          sql: 'select * from gold.customer_ltv order by customer_unique_id',
          rows: customerLtvRows,
        },
      ],
    },
  ],
} satisfies ModelFixture;
