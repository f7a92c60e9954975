import type { ModelContract } from '../model-files';

/** The delay buckets of gold.review_vs_delay, earliest first. */
export const DELAY_BUCKETS = ['early', 'on time', '1-3 days late', '4-7 days late', '8+ days late'];

/** gold.review_vs_delay: one row per delay bucket over delivered orders with a review. */
export default {
  grain: 'one row per bucket',
  expectations: [
    { type: 'unique', columns: ['bucket'], action: 'fail' },
    { type: 'accepted_values', column: 'bucket', values: DELAY_BUCKETS, action: 'fail' },
    { type: 'range', column: 'avg_review_score', min: 1, max: 5, action: 'fail' },
    { type: 'row_count', max: DELAY_BUCKETS.length, action: 'fail' },
  ],
} satisfies ModelContract;
