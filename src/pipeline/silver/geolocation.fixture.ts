import type { ModelFixture } from '../model-fixture';

/** silver.geolocation, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'one row per 5-digit prefix: the median point, the most frequent clean city, points counted',
      expect: [
        {
          sql: 'select * from silver.geolocation order by zip_prefix',
          rows: [
            {
              zip_prefix: '01001',
              lat: -23.25,
              lng: -46.75,
              city: 'sao paulo',
              state: 'SP',
              points: 3,
              distinct_points: 2,
            },
            {
              zip_prefix: '20000',
              lat: -22.5,
              lng: -43.25,
              city: 'rio de janeiro',
              state: 'RJ',
              points: 2,
              distinct_points: 2,
            },
            {
              zip_prefix: '30100',
              lat: -19.5,
              lng: -43.5,
              city: 'belo horizonte',
              state: 'MG',
              points: 1,
              distinct_points: 1,
            },
          ],
        },
      ],
    },
  ],
  findings: [{ expectation: 'no_duplicated_points', rowsFailing: 1 }],
} satisfies ModelFixture;
