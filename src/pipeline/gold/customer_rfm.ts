import type { ModelContract } from '../model-files';

/** The RFM segments of CONTRACT.md §3. */
export const RFM_SEGMENTS = ['Champions', 'Promising', 'Needs attention', 'At risk', 'Hibernating'];

/** gold.customer_rfm: one row per customer with a delivered order. */
export default {
  grain: 'one row per customer_unique_id',
  zorderBy: ['segment'],
  expectations: [
    { type: 'not_null', column: 'customer_unique_id', action: 'fail' },
    { type: 'unique', columns: ['customer_unique_id'], action: 'fail' },
    { type: 'range', column: 'r_score', min: 1, max: 5, action: 'fail' },
    { type: 'range', column: 'f_score', min: 1, max: 5, action: 'fail' },
    { type: 'range', column: 'm_score', min: 1, max: 5, action: 'fail' },
    { type: 'range', column: 'recency_days', min: 1, action: 'fail' },
    { type: 'accepted_values', column: 'segment', values: RFM_SEGMENTS, action: 'fail' },
  ],
} satisfies ModelContract;
