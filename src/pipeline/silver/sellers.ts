import type { ModelContract } from '../model-files';

/** silver.sellers: one row per seller_id. */
export default {
  grain: 'one row per seller_id',
  expectations: [
    { type: 'not_null', column: 'seller_id', action: 'quarantine' },
    { type: 'unique', columns: ['seller_id'], action: 'fail' },
    {
      type: 'expression',
      name: 'zip_prefix_is_5_digits',
      sql: "regexp_full_match(zip_prefix, '[0-9]{5}')",
      action: 'warn',
    },
    {
      type: 'expression',
      name: 'city_is_a_plain_place_name',
      // Letters and single spaces, apostrophes or hyphens between them; not the state's code.
      sql: "regexp_full_match(city, '[a-z]+([ ''-][a-z]+)*') and city <> lower(state)",
      action: 'warn',
      description: 'Seller cities were typed by hand: state suffixes, e-mail addresses, digits.',
    },
  ],
} satisfies ModelContract;
