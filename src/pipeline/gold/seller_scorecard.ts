import type { ModelContract } from '../model-files';

/** gold.seller_scorecard: one row per seller with an item in a valid order. */
export default {
  grain: 'one row per seller_id',
  zorderBy: ['seller_state'],
  expectations: [
    { type: 'not_null', column: 'seller_id', action: 'fail' },
    { type: 'unique', columns: ['seller_id'], action: 'fail' },
    { type: 'range', column: 'avg_review_score', min: 1, max: 5, action: 'fail' },
    { type: 'range', column: 'late_rate', min: 0, max: 1, action: 'fail' },
    { type: 'expression', name: 'orders_at_most_items', sql: 'orders between 1 and items', action: 'fail' },
  ],
} satisfies ModelContract;
