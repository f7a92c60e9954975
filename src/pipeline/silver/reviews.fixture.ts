import type { ModelFixture } from '../model-fixture';

/** silver.reviews, given the hand-made fixture. */
export default {
  cases: [],
  findings: [{ expectation: 'review_id_covers_one_order', rowsFailing: 2 }],
} satisfies ModelFixture;
