import type { ModelFixture } from '../model-fixture';

/** gold.funnel_daily, given the hand-made fixture. */
export default {
  cases: [
    {
      it: "a session counts on its first event's date, a duplicate event once",
      expect: [
        {
          sql: 'select * from gold.funnel_daily order by event_date',
          rows: [
            {
              event_date: '2018-03-01',
              sessions: 3,
              views: 3,
              carts: 2,
              checkouts: 1,
              purchases: 1,
              view_to_cart: 2 / 3,
              cart_to_purchase: 1 / 2,
              conversion_rate: 1 / 3,
            },
            {
              event_date: '2018-03-02',
              sessions: 1,
              views: 1,
              carts: 1,
              checkouts: 1,
              purchases: 1,
              view_to_cart: 1,
              cart_to_purchase: 1,
              conversion_rate: 1,
            },
          ],
        },
      ],
    },
  ],
} satisfies ModelFixture;
