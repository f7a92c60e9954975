import type { ModelFixture } from '../model-fixture';

/** gold.cohort_retention, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'offset 0 is the whole cohort',
      expect: [
        {
          sql: 'select * from gold.cohort_retention order by cohort_month, month_offset',
          rows: [
            { cohort_month: '2018-01-01', month_offset: 0, customers: 3, cohort_size: 3, retention: 1 },
            { cohort_month: '2018-01-01', month_offset: 1, customers: 1, cohort_size: 3, retention: 1 / 3 },
            { cohort_month: '2018-01-01', month_offset: 2, customers: 2, cohort_size: 3, retention: 2 / 3 },
            { cohort_month: '2018-02-01', month_offset: 0, customers: 1, cohort_size: 1, retention: 1 },
            { cohort_month: '2018-03-01', month_offset: 0, customers: 1, cohort_size: 1, retention: 1 },
          ],
        },
      ],
    },
  ],
} satisfies ModelFixture;
