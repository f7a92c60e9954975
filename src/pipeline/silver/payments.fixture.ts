import { columnTypesAre, type ModelFixture } from '../model-fixture';

/** silver.payments, given the hand-made fixture. */
export default {
  cases: [
    {
      it: 'types money as DECIMAL(18,2)',
      expect: [columnTypesAre('silver.payments', { payment_value: 'DECIMAL(18,2)' })],
    },
  ],
} satisfies ModelFixture;
