import type { ModelContract } from '../model-files';

/** gold.delivery_performance: one row per (month, customer_state) over delivered orders. */
export default {
  grain: 'one row per (month, customer_state)',
  zorderBy: ['month', 'customer_state'],
  expectations: [
    { type: 'not_null', column: 'month', action: 'fail' },
    { type: 'unique', columns: ['month', 'customer_state'], action: 'fail' },
    { type: 'range', column: 'late_rate', min: 0, max: 1, action: 'fail' },
    {
      type: 'range',
      column: 'avg_delivery_days',
      min: 0,
      action: 'warn',
      description: 'A delivery before the purchase is a data error in the source.',
    },
    {
      type: 'not_null',
      column: 'customer_state',
      action: 'warn',
      description: 'Delivered orders whose customer_id is not in silver.customers have no state.',
    },
  ],
} satisfies ModelContract;
