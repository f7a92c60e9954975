import type { ModelFixture } from '../model-fixture';

/** silver.events, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'keeps one row per event_id, dated by the UTC timestamp as sent',
      expect: [
        {
          sql: 'select count(*) as n, count(distinct event_id) as ids from silver.events',
          rows: [{ n: 13, ids: 13 }],
        },
        {
          sql: `select event_ts, event_date from silver.events where event_id = 'e9'`,
          rows: [{ event_ts: '2018-03-02 00:01:00', event_date: '2018-03-02' }],
        },
      ],
    },
  ],
} satisfies ModelFixture;
