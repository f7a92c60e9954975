import type { ModelFixture } from '../model-fixture';

/** gold.seller_scorecard, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'reviews per (review, order) row, lateness over delivered orders only',
      expect: [
        {
          sql: 'select * from gold.seller_scorecard order by seller_id',
          rows: [
            {
              seller_id: 's1',
              seller_state: 'SP',
              orders: 5,
              items: 5,
              gmv: 280.5,
              avg_review_score: 13 / 4,
              late_rate: 2 / 5,
            },
            {
              seller_id: 's2',
              seller_state: 'RJ',
              orders: 4,
              items: 5,
              gmv: 220,
              avg_review_score: 11 / 4,
              late_rate: 2 / 3,
            },
          ],
        },
      ],
    },
  ],
} satisfies ModelFixture;
