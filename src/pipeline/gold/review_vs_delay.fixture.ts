import type { ModelFixture } from '../model-fixture';

/** gold.review_vs_delay, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'a shared review id counts once per order it covers',
      expect: [
        {
          sql: 'select bucket, orders, avg_review_score from gold.review_vs_delay order by bucket_order',
          rows: [
            { bucket: 'early', orders: 1, avg_review_score: 5 },
            { bucket: 'on time', orders: 2, avg_review_score: 4.5 },
            { bucket: '1-3 days late', orders: 1, avg_review_score: 1 },
            { bucket: '4-7 days late', orders: 2, avg_review_score: 2 },
            { bucket: '8+ days late', orders: 1, avg_review_score: 3 },
          ],
        },
      ],
    },
  ],
} satisfies ModelFixture;
