import { defineModel } from '../model-reads';
import sql from './daily_sales.sql?raw';

/** gold.daily_sales: one row per purchase date with a valid order. */
export const dailySalesModel = defineModel({
  name: 'gold.daily_sales',
  grain: 'one row per order_date',
  sql,
  zorderBy: ['order_date'],
  expectations: [
    { type: 'not_null', column: 'order_date', action: 'fail' },
    { type: 'unique', columns: ['order_date'], action: 'fail' },
    { type: 'range', column: 'orders', min: 1, action: 'fail' },
    { type: 'range', column: 'payments', min: 0, action: 'warn' },
  ],
});
