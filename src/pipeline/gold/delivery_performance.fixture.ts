import type { ModelFixture } from '../model-fixture';

/** gold.delivery_performance, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'delivered on the estimated day is on time; unknown customers have no state',
      expect: [
        {
          sql: 'select * from gold.delivery_performance order by month, customer_state nulls last',
          rows: [
            {
              month: '2018-01-01',
              customer_state: 'BA',
              delivered_orders: 1,
              avg_delivery_days: 20,
              late_orders: 1,
              late_rate: 1,
            },
            {
              month: '2018-01-01',
              customer_state: 'PE',
              delivered_orders: 1,
              avg_delivery_days: 2,
              late_orders: 1,
              late_rate: 1,
            },
            {
              month: '2018-01-01',
              customer_state: 'SP',
              delivered_orders: 1,
              avg_delivery_days: 5,
              late_orders: 0,
              late_rate: 0,
            },
            {
              month: '2018-02-01',
              customer_state: 'MG',
              delivered_orders: 1,
              avg_delivery_days: 8,
              late_orders: 1,
              late_rate: 1,
            },
            {
              month: '2018-02-01',
              customer_state: 'RJ',
              delivered_orders: 1,
              avg_delivery_days: 10,
              late_orders: 1,
              late_rate: 1,
            },
            {
              month: '2018-03-01',
              customer_state: 'PE',
              delivered_orders: 1,
              avg_delivery_days: 3,
              late_orders: 0,
              late_rate: 0,
            },
            {
              month: '2018-03-01',
              customer_state: 'SP',
              delivered_orders: 1,
              avg_delivery_days: 7.5,
              late_orders: 0,
              late_rate: 0,
            },
            {
              month: '2018-03-01',
              customer_state: null,
              delivered_orders: 1,
              avg_delivery_days: 5,
              late_orders: 0,
              late_rate: 0,
            },
          ],
        },
      ],
    },
  ],
} satisfies ModelFixture;
