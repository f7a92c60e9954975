import type { ModelFixture } from '../model-fixture';

/** gold.daily_sales, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'valid orders per purchase date, items and payments without fan-out',
      expect: [
        {
          sql: 'select * from gold.daily_sales order by order_date',
          rows: [
            {
              order_date: '2018-01-05',
              orders: 2,
              items: 2,
              gmv: 125,
              freight: 15,
              payments: 110,
              avg_order_value: 55,
            },
            {
              order_date: '2018-01-20',
              orders: 1,
              items: 1,
              gmv: 80,
              freight: 8,
              payments: 88,
              avg_order_value: 88,
            },
            {
              order_date: '2018-02-10',
              orders: 1,
              items: 2,
              gmv: 100,
              freight: 10,
              payments: 110,
              avg_order_value: 110,
            },
            {
              order_date: '2018-02-25',
              orders: 1,
              items: 1,
              gmv: 70,
              freight: 7,
              payments: 77,
              avg_order_value: 77,
            },
            {
              order_date: '2018-03-01',
              orders: 3,
              items: 2,
              gmv: 70,
              freight: 7,
              payments: 89.5,
              avg_order_value: 89.5 / 3,
            },
            {
              order_date: '2018-03-15',
              orders: 2,
              items: 2,
              gmv: 55.5,
              freight: 5.5,
              payments: 61,
              avg_order_value: 30.5,
            },
          ],
        },
      ],
    },
  ],
} satisfies ModelFixture;
