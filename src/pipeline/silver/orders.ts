import type { ModelContract } from '../model-files';

/** The order statuses of the Olist data. */
export const ORDER_STATUSES = [
  'delivered',
  'shipped',
  'canceled',
  'unavailable',
  'invoiced',
  'processing',
  'created',
  'approved',
];

/** silver.orders: one row per order_id. */
export default {
  grain: 'one row per order_id',
  zorderBy: ['purchase_ts'],
  expectations: [
    { type: 'not_null', column: 'order_id', action: 'quarantine' },
    { type: 'unique', columns: ['order_id'], action: 'fail' },
    {
      type: 'not_null',
      column: 'purchase_ts',
      action: 'quarantine',
      description: 'Every Gold table dates an order by its purchase time.',
    },
    { type: 'accepted_values', column: 'order_status', values: ORDER_STATUSES, action: 'warn' },
    {
      type: 'relationships',
      column: 'customer_id',
      to: 'silver.customers',
      field: 'customer_id',
      action: 'warn',
      description: 'An order whose customer is unknown counts in sales, not in the customer tables.',
    },
    {
      type: 'expression',
      name: 'order_has_items',
      sql: 'exists (select 1 from silver.order_items as i where i.order_id = t.order_id)',
      action: 'warn',
    },
    {
      type: 'expression',
      name: 'delivered_order_has_payment',
      sql: "t.order_status <> 'delivered' or exists (select 1 from silver.payments as p where p.order_id = t.order_id)",
      action: 'warn',
    },
    {
      type: 'expression',
      name: 'delivered_order_has_delivery_time',
      sql: "order_status <> 'delivered' or delivered_customer_ts is not null",
      action: 'warn',
    },
  ],
} satisfies ModelContract;
