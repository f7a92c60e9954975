import type { ModelContract } from '../model-files';

/** silver.customers: one row per customer_id. */
export default {
  grain: 'one row per customer_id',
  zorderBy: ['customer_unique_id'],
  expectations: [
    { type: 'not_null', column: 'customer_id', action: 'quarantine' },
    { type: 'unique', columns: ['customer_id'], action: 'fail' },
    { type: 'not_null', column: 'customer_unique_id', action: 'warn' },
    {
      type: 'expression',
      name: 'zip_prefix_is_5_digits',
      sql: "regexp_full_match(zip_prefix, '[0-9]{5}')",
      action: 'warn',
    },
  ],
} satisfies ModelContract;
