import type { ModelContract } from '../model-files';

/** silver.products: one row per product_id. */
export default {
  grain: 'one row per product_id',
  zorderBy: ['category_en'],
  expectations: [
    { type: 'not_null', column: 'product_id', action: 'quarantine' },
    { type: 'unique', columns: ['product_id'], action: 'fail' },
    {
      type: 'not_null',
      column: 'category',
      action: 'warn',
      description: "Products without a category count as 'unknown' in gold.category_monthly.",
    },
    {
      type: 'expression',
      name: 'category_has_translation',
      sql: `category is null or exists (
        select 1 from bronze.olist_category_translation as tr
        where lower(trim(tr.product_category_name)) = t.category)`,
      action: 'warn',
      description: 'An untranslated category keeps its Portuguese name in category_en.',
    },
    { type: 'range', column: 'weight_g', min: 0, action: 'warn' },
  ],
} satisfies ModelContract;
