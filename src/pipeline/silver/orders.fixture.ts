import { columnTypesAre, type ModelFixture } from '../model-fixture';

/** silver.orders, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'keeps the latest delivery of an order delivered twice (o11: shipped, then delivered)',
      expect: [
        {
          sql: `select order_status, delivered_customer_ts from silver.orders where order_id = 'o11'`,
          rows: [{ order_status: 'delivered', delivered_customer_ts: '2018-03-18 10:00:00' }],
        },
        { sql: 'select count(*) as n from silver.orders', rows: [{ n: 12 }] },
      ],
    },
    {
      it: 'types times as TIMESTAMP / DATE',
      expect: [
        columnTypesAre('silver.orders', { purchase_ts: 'TIMESTAMP', estimated_delivery_date: 'DATE' }),
      ],
    },
  ],
  findings: [
    { expectation: 'order_has_items', rowsFailing: 2 },
    {
      expectation: 'delivered_order_has_payment',
      rowsFailing: 1,
      sample: [{ order_id: 'o9', order_status: 'delivered' }],
    },
    { expectation: 'relationships(customer_id -> silver.customers.customer_id)', rowsFailing: 1 },
  ],
} satisfies ModelFixture;
