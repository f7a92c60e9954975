import type { ModelContract } from '../model-files';

/** gold.customer_features: one row per customer with a valid order, ready for ML. */
export default {
  grain: 'one row per customer_unique_id',
  zorderBy: ['segment'],
  expectations: [
    { type: 'not_null', column: 'customer_unique_id', action: 'fail' },
    { type: 'unique', columns: ['customer_unique_id'], action: 'fail' },
    { type: 'range', column: 'late_share', min: 0, max: 1, action: 'fail' },
    { type: 'range', column: 'cart_abandonment_rate', min: 0, max: 1, action: 'fail' },
    { type: 'range', column: 'sessions', min: 0, action: 'fail' },
  ],
} satisfies ModelContract;
