import type { ModelContract } from '../model-files';

/** gold.category_monthly: one row per (month, category). */
export default {
  grain: 'one row per (month, category)',
  zorderBy: ['month', 'category'],
  expectations: [
    { type: 'not_null', column: 'month', action: 'fail' },
    { type: 'not_null', column: 'category', action: 'fail' },
    { type: 'unique', columns: ['month', 'category'], action: 'fail' },
    {
      type: 'expression',
      name: 'orders_at_most_items',
      sql: 'orders between 1 and items',
      action: 'fail',
    },
  ],
} satisfies ModelContract;
