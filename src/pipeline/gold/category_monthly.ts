import { defineModel } from '../model-reads';
import sql from './category_monthly.sql?raw';

/** gold.category_monthly: one row per (month, category). */
export const categoryMonthlyModel = defineModel({
  name: 'gold.category_monthly',
  grain: 'one row per (month, category)',
  sql,
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
});
