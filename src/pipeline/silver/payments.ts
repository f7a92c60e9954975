import type { ModelContract } from '../model-files';

/** The payment types of the Olist data. */
export const PAYMENT_TYPES = ['credit_card', 'boleto', 'voucher', 'debit_card', 'not_defined'];

/** silver.payments: one row per (order_id, payment_sequential). */
export default {
  grain: 'one row per (order_id, payment_sequential)',
  zorderBy: ['order_id'],
  expectations: [
    { type: 'not_null', column: 'order_id', action: 'quarantine' },
    { type: 'not_null', column: 'payment_sequential', action: 'quarantine' },
    { type: 'unique', columns: ['order_id', 'payment_sequential'], action: 'fail' },
    { type: 'not_null', column: 'payment_value', action: 'quarantine' },
    {
      type: 'range',
      column: 'payment_value',
      min: 0,
      action: 'fail',
      description:
        'A negative payment is a refund sent as a payment: Gold would subtract it from revenue. Stop before Gold sums it.',
    },
    { type: 'range', column: 'payment_installments', min: 1, action: 'warn' },
    { type: 'accepted_values', column: 'payment_type', values: PAYMENT_TYPES, action: 'warn' },
    {
      type: 'expression',
      name: 'payment_type_is_defined',
      sql: "payment_type <> 'not_defined'",
      action: 'warn',
    },
    {
      type: 'relationships',
      column: 'order_id',
      to: 'bronze.olist_orders',
      field: 'order_id',
      action: 'warn',
    },
  ],
} satisfies ModelContract;
