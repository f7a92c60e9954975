import type { ModelContract } from '../model-files';

/** gold.cohort_retention: one row per (cohort_month, month_offset) with active customers. */
export default {
  grain: 'one row per (cohort_month, month_offset)',
  zorderBy: ['cohort_month'],
  expectations: [
    { type: 'unique', columns: ['cohort_month', 'month_offset'], action: 'fail' },
    { type: 'range', column: 'month_offset', min: 0, action: 'fail' },
    { type: 'range', column: 'retention', min: 0, max: 1, action: 'fail' },
    {
      type: 'expression',
      name: 'whole_cohort_active_in_its_first_month',
      sql: 'month_offset <> 0 or retention = 1',
      action: 'fail',
    },
  ],
} satisfies ModelContract;
