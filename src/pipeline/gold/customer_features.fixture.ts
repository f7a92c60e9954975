import type { Row } from '../../engine/types';
import type { ModelFixture } from '../model-fixture';
import { customerLtvRows } from './customer_ltv.fixture';
import { customerRfmRows } from './customer_rfm.fixture';

/** What gold.customer_features adds to LTV and RFM: delivery, reviews, category and clickstream. */
const experienceOf: Record<string, Row> = {
  u1: {
    avg_delivery_days: 7.5,
    late_share: 1 / 3,
    avg_review_score: 11 / 3,
    favourite_category: 'health_beauty',
    sessions: 1,
    cart_abandonment_rate: 0,
  },
  u2: {
    avg_delivery_days: 8,
    late_share: 1,
    avg_review_score: 2,
    favourite_category: 'pc_gamer',
    sessions: 0,
    cart_abandonment_rate: null,
  },
  u3: {
    avg_delivery_days: 20,
    late_share: 1,
    avg_review_score: 3,
    favourite_category: 'health_beauty',
    sessions: 0,
    cart_abandonment_rate: null,
  },
  u4: {
    avg_delivery_days: null,
    late_share: null,
    avg_review_score: null,
    favourite_category: 'unknown',
    sessions: 0,
    cart_abandonment_rate: null,
  },
  u5: {
    avg_delivery_days: 2.5,
    late_share: 1 / 2,
    avg_review_score: 1,
    favourite_category: 'health_beauty',
    sessions: 2,
    cart_abandonment_rate: 1 / 2,
  },
};

/** A customer without a delivered order (u4) has every RFM column null. */
const NO_RFM: Row = {
  recency_days: null,
  frequency: null,
  monetary: null,
  r_score: null,
  f_score: null,
  m_score: null,
  segment: null,
};

/** gold.customer_features, given the hand-made fixture: one row per customer of gold.customer_ltv. */
export default {
  cases: [
    {
      it: 'RFM, LTV, experience and clickstream per customer',
      expect: [
        {
          sql: 'select * from gold.customer_features order by customer_unique_id',
          rows: customerLtvRows.map((ltv) => ({
            ...NO_RFM,
            ...customerRfmRows.find((rfm) => rfm.customer_unique_id === ltv.customer_unique_id),
            ...ltv,
            ...experienceOf[String(ltv.customer_unique_id)],
          })),
        },
      ],
    },
  ],
} satisfies ModelFixture;
