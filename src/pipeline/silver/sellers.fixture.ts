import type { ModelFixture } from '../model-fixture';

/** silver.sellers, given the hand-made fixture. */
export default {
  cases: [],
  findings: [{ expectation: 'city_is_a_plain_place_name', rowsFailing: 1 }],
} satisfies ModelFixture;
