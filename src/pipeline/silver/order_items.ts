import type { ModelContract } from '../model-files';

/** silver.order_items: one row per (order_id, order_item_id). */
export default {
  grain: 'one row per (order_id, order_item_id)',
  zorderBy: ['order_id'],
  expectations: [
    { type: 'not_null', column: 'order_id', action: 'quarantine' },
    { type: 'not_null', column: 'order_item_id', action: 'quarantine' },
    { type: 'unique', columns: ['order_id', 'order_item_id'], action: 'fail' },
    { type: 'not_null', column: 'price', action: 'quarantine' },
    { type: 'range', column: 'price', min: 0, action: 'warn' },
    { type: 'range', column: 'freight_value', min: 0, action: 'warn' },
    {
      type: 'relationships',
      column: 'order_id',
      to: 'bronze.olist_orders',
      field: 'order_id',
      action: 'warn',
      description: 'An item whose order was never delivered in an orders file counts in no Gold table.',
    },
    {
      type: 'relationships',
      column: 'product_id',
      to: 'silver.products',
      field: 'product_id',
      action: 'warn',
    },
    { type: 'relationships', column: 'seller_id', to: 'silver.sellers', field: 'seller_id', action: 'warn' },
  ],
} satisfies ModelContract;
