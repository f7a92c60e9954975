import type { ModelContract } from '../model-files';

/** silver.geolocation: one row per zip_prefix. */
export default {
  grain: 'one row per zip_prefix',
  expectations: [
    { type: 'not_null', column: 'zip_prefix', action: 'quarantine' },
    { type: 'unique', columns: ['zip_prefix'], action: 'fail' },
    {
      type: 'expression',
      name: 'no_duplicated_points',
      sql: 'points = distinct_points',
      action: 'warn',
      description: 'The source repeats the same point for a prefix; silver keeps one row per prefix.',
    },
    // Brazil lies within these bounds; the source has a few points elsewhere.
    { type: 'range', column: 'lat', min: -34, max: 6, action: 'warn' },
    { type: 'range', column: 'lng', min: -74, max: -34, action: 'warn' },
  ],
} satisfies ModelContract;
