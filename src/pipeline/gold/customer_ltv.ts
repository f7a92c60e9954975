import { defineModel } from '../model-reads';
import sql from './customer_ltv.sql?raw';

/** gold.customer_ltv: one row per customer with a valid order. */
export const customerLtvModel = defineModel({
  name: 'gold.customer_ltv',
  grain: 'one row per customer_unique_id',
  sql,
  zorderBy: ['first_order_date'],
  expectations: [
    { type: 'not_null', column: 'customer_unique_id', action: 'fail' },
    { type: 'unique', columns: ['customer_unique_id'], action: 'fail' },
    { type: 'range', column: 'orders', min: 1, action: 'fail' },
    { type: 'range', column: 'tenure_days', min: 0, action: 'fail' },
  ],
});
