import type { ModelContract } from '../model-files';

/** silver.reviews: one row per (review_id, order_id). */
export default {
  grain: 'one row per (review_id, order_id)',
  zorderBy: ['order_id'],
  expectations: [
    { type: 'not_null', column: 'review_id', action: 'quarantine' },
    { type: 'not_null', column: 'order_id', action: 'quarantine' },
    { type: 'unique', columns: ['review_id', 'order_id'], action: 'fail' },
    {
      type: 'unique',
      name: 'review_id_covers_one_order',
      columns: ['review_id'],
      action: 'warn',
      description: 'The real data shares some review ids between orders; the grain keeps them all.',
    },
    { type: 'not_null', column: 'review_score', action: 'quarantine' },
    { type: 'range', column: 'review_score', min: 1, max: 5, action: 'quarantine' },
    {
      type: 'relationships',
      column: 'order_id',
      to: 'bronze.olist_orders',
      field: 'order_id',
      action: 'warn',
    },
  ],
} satisfies ModelContract;
