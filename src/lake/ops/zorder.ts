import { quoteIdent } from '../../engine/sql-quote';

/** Name of the Z-order value column added to rows being optimized. */
export const ZORDER_COLUMN = '__lake_z';

/**
 * A query adding a Z-order value to the rows of `sourceSql`: each column is replaced by its rank
 * (dense, so any type works), scaled to the same number of bits, and the bits are interleaved —
 * rows close in all columns get close values, so files cut in this order have narrow min/max ranges.
 */
export function zorderQuery(sourceSql: string, columns: string[]): string {
  const k = columns.length;
  const bits = Math.min(20, Math.floor(62 / k));
  const ranks = columns.map((c, i) => `dense_rank() OVER (ORDER BY ${quoteIdent(c)}) - 1 AS __lake_r${i}`);
  const scaled = columns.map(
    (_, i) => `(__lake_r${i} * ${2 ** bits} // (max(__lake_r${i}) OVER () + 1))::BIGINT AS __lake_s${i}`,
  );
  const terms: string[] = [];
  for (let b = 0; b < bits; b++) {
    for (let i = 0; i < k; i++) terms.push(`(((__lake_s${i} >> ${b}) & 1) << ${b * k + i})`);
  }
  const rankCols = columns.map((_, i) => `__lake_r${i}`).join(', ');
  const scaledCols = columns.map((_, i) => `__lake_s${i}`).join(', ');
  return `SELECT * EXCLUDE (${scaledCols}), (${terms.join(' + ')})::BIGINT AS ${ZORDER_COLUMN}
    FROM (SELECT * EXCLUDE (${rankCols}), ${scaled.join(', ')}
          FROM (SELECT *, ${ranks.join(', ')} FROM (${sourceSql}) AS rows) AS ranked) AS scaled`;
}
