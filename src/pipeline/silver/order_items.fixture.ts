import { columnTypesAre, type ModelFixture } from '../model-fixture';

/** silver.order_items, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'types money as DECIMAL(18,2)',
      expect: [
        columnTypesAre('silver.order_items', { price: 'DECIMAL(18,2)', freight_value: 'DECIMAL(18,2)' }),
      ],
    },
  ],
  findings: [{ expectation: 'relationships(product_id -> silver.products.product_id)', rowsFailing: 1 }],
} satisfies ModelFixture;
