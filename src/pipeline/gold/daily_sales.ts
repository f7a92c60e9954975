import type { ModelContract } from '../model-files';

/** gold.daily_sales: one row per purchase date with a valid order. */
export default {
  grain: 'one row per order_date',
  zorderBy: ['order_date'],
  expectations: [
    { type: 'not_null', column: 'order_date', action: 'fail' },
    { type: 'unique', columns: ['order_date'], action: 'fail' },
    { type: 'range', column: 'orders', min: 1, action: 'fail' },
    { type: 'range', column: 'payments', min: 0, action: 'warn' },
  ],
} satisfies ModelContract;
