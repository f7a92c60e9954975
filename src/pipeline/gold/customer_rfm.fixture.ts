import type { Row } from '../../engine/types';
import type { ModelFixture } from '../model-fixture';

/** The rows of gold.customer_rfm: customers with a delivered order (u4 has none). */
export const customerRfmRows: Row[] = [
  {
    customer_unique_id: 'u1',
    recency_days: 15,
    frequency: 3,
    monetary: 253,
    r_score: 3,
    f_score: 3,
    m_score: 4,
    segment: 'Needs attention',
  },
  {
    customer_unique_id: 'u2',
    recency_days: 19,
    frequency: 1,
    monetary: 77,
    r_score: 2,
    f_score: 1,
    m_score: 2,
    segment: 'Hibernating',
  },
  {
    customer_unique_id: 'u3',
    recency_days: 70,
    frequency: 1,
    monetary: 0,
    r_score: 1,
    f_score: 1,
    m_score: 1,
    segment: 'Hibernating',
  },
  {
    customer_unique_id: 'u5',
    recency_days: 1,
    frequency: 2,
    monetary: 138,
    r_score: 4,
    f_score: 2,
    m_score: 3,
    segment: 'Promising',
  },
];

/** gold.customer_rfm, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'reference date 2018-03-16, ntile scores, segments by the rule',
      expect: [
        {
          sql: 'select * from gold.customer_rfm order by customer_unique_id',
          rows: customerRfmRows,
        },
      ],
    },
  ],
} satisfies ModelFixture;
