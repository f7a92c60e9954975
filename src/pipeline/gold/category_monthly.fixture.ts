import type { ModelFixture } from '../model-fixture';

/** gold.category_monthly, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'English names, the Portuguese one when untranslated, unknown otherwise',
      expect: [
        {
          sql: 'select * from gold.category_monthly order by month, category',
          rows: [
            { month: '2018-01-01', category: 'health_beauty', orders: 2, items: 2, gmv: 125 },
            { month: '2018-01-01', category: 'unknown', orders: 1, items: 1, gmv: 80 },
            { month: '2018-02-01', category: 'pc_gamer', orders: 2, items: 3, gmv: 170 },
            { month: '2018-03-01', category: 'health_beauty', orders: 3, items: 3, gmv: 85.5 },
            { month: '2018-03-01', category: 'unknown', orders: 1, items: 1, gmv: 40 },
          ],
        },
      ],
    },
  ],
} satisfies ModelFixture;
