import type { ModelContract } from '../model-files';

/**
 * silver.dim_customer: SCD type 2 over customer_unique_id. The SQL rebuilds the history from the
 * orders; the MERGE by (customer_unique_id, valid_from) then closes a current row when a new address
 * arrives (update) and opens the new one (insert), leaving untouched history as it was. A history
 * row that no longer follows from the data (a corrected customers file) is deleted.
 */
export default {
  grain: 'one row per (customer_unique_id, valid_from)',
  write: {
    mode: 'merge',
    keys: ['customer_unique_id', 'valid_from'],
    whenMatched: 'update',
    deleteNotMatchedBySource: true,
  },
  zorderBy: ['customer_unique_id'],
  expectations: [
    { type: 'not_null', column: 'customer_unique_id', action: 'fail' },
    { type: 'not_null', column: 'valid_from', action: 'fail' },
    { type: 'unique', columns: ['customer_unique_id', 'valid_from'], action: 'fail' },
    {
      type: 'expression',
      name: 'current_row_is_open',
      sql: 'is_current = (valid_to is null)',
      action: 'fail',
    },
  ],
} satisfies ModelContract;
