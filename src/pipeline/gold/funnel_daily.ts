import type { ModelContract } from '../model-files';

/** gold.funnel_daily: one row per date of a session's first event. */
export default {
  grain: 'one row per event_date',
  zorderBy: ['event_date'],
  expectations: [
    { type: 'not_null', column: 'event_date', action: 'fail' },
    { type: 'unique', columns: ['event_date'], action: 'fail' },
    { type: 'range', column: 'conversion_rate', min: 0, max: 1, action: 'fail' },
    {
      type: 'expression',
      name: 'stages_within_sessions',
      sql: 'greatest(views, carts, checkouts, purchases) <= sessions',
      action: 'fail',
    },
  ],
} satisfies ModelContract;
