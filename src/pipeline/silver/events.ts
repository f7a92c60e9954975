import type { ModelContract } from '../model-files';

/** The event types the simulator sends. */
export const EVENT_TYPES = [
  'page_view',
  'product_view',
  'add_to_cart',
  'remove_from_cart',
  'begin_checkout',
  'purchase',
];

/**
 * silver.events: one row per event_id, partitioned by event_date. Incremental: each run reads only
 * the Bronze batches ingested since the last one, and MERGEs them (insert new event ids, ignore ones
 * already there), so a late event lands in its own date's partition and a duplicate delivery
 * changes nothing.
 */
export default {
  grain: 'one row per event_id',
  write: { mode: 'merge', keys: ['event_id'], whenMatched: 'ignore' },
  partitionBy: ['event_date'],
  watermark: { column: '_ingested_at', input: 'bronze.events' },
  zorderBy: ['session_id'],
  expectations: [
    { type: 'not_null', column: 'event_id', action: 'quarantine' },
    { type: 'unique', columns: ['event_id'], action: 'fail' },
    {
      type: 'not_null',
      column: 'event_ts',
      action: 'quarantine',
      description: 'An event without a readable time has no date partition.',
    },
    { type: 'not_null', column: 'session_id', action: 'quarantine' },
    { type: 'accepted_values', column: 'event_type', values: EVENT_TYPES, action: 'quarantine' },
    {
      type: 'accepted_values',
      column: 'device',
      values: ['desktop', 'mobile', 'tablet'],
      action: 'warn',
    },
    {
      type: 'expression',
      name: 'purchase_names_its_order',
      sql: "event_type <> 'purchase' or order_id is not null",
      action: 'warn',
    },
  ],
} satisfies ModelContract;
