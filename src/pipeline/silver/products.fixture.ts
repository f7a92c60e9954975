import type { ModelFixture } from '../model-fixture';

/** silver.products, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'translates categories with a fallback',
      expect: [
        {
          sql: 'select product_id, category, category_en from silver.products order by 1',
          rows: [
            { product_id: 'p1', category: 'beleza_saude', category_en: 'health_beauty' },
            { product_id: 'p2', category: 'pc_gamer', category_en: 'pc_gamer' },
            { product_id: 'p3', category: null, category_en: null },
          ],
        },
      ],
    },
  ],
  findings: [
    { expectation: 'not_null(category)', rowsFailing: 1 },
    { expectation: 'category_has_translation', rowsFailing: 1 },
  ],
} satisfies ModelFixture;
