import type { ModelContract } from '../model-files';

/** gold.customer_ltv: one row per customer with a valid order. */
export default {
  grain: 'one row per customer_unique_id',
  zorderBy: ['first_order_date'],
  expectations: [
    { type: 'not_null', column: 'customer_unique_id', action: 'fail' },
    { type: 'unique', columns: ['customer_unique_id'], action: 'fail' },
    { type: 'range', column: 'orders', min: 1, action: 'fail' },
    { type: 'range', column: 'tenure_days', min: 0, action: 'fail' },
  ],
} satisfies ModelContract;
