import type { ModelFixture } from '../model-fixture';

/** silver.customers, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'normalises city names and zip prefixes',
      expect: [
        {
          sql: `select customer_id, zip_prefix, city, state from silver.customers where customer_id in ('c1', 'c6') order by 1`,
          rows: [
            { customer_id: 'c1', zip_prefix: '01001', city: 'sao paulo', state: 'SP' },
            { customer_id: 'c6', zip_prefix: '01234', city: 'campinas', state: 'SP' },
          ],
        },
      ],
    },
  ],
} satisfies ModelFixture;
