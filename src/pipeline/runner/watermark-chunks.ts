import { quoteIdent, quoteQualified } from '../../engine/sql-quote';
import type { ModelStore } from '../model-store';

/**
 * Most input rows an incremental model reads in one part of its run. Its SQL stages every new
 * row at once (with a window to find first deliveries, then a MERGE), and DuckDB-WASM cannot spill:
 * a first run of silver.events over 10M Bronze events ran out of the 2 GiB memory_limit, where 1M
 * (full-1m) fits. A run with more new rows goes in parts, each reading the rows of consecutive
 * watermark values (whole Bronze commits) up to this many, and committing them before the next.
 */
export const WATERMARK_CHUNK_ROWS = 1_000_000;

/**
 * The upper bounds of the parts of an incremental run that reads the input's rows above `after`
 * (everything when null): each bound is a watermark value (text) and a part reads the rows above
 * the previous bound up to and including its own; the last bound is null (no upper bound, as a run
 * in one part has). Consecutive values are grouped up to `maxRows` rows; a value holding more rows
 * than that is a part of its own. `[null]` when all the new rows fit in one part.
 */
export async function watermarkChunks(
  store: ModelStore,
  watermark: { column: string; input: string },
  after: string | null,
  maxRows = WATERMARK_CHUNK_ROWS,
): Promise<(string | null)[]> {
  if ((await store.latestVersion(watermark.input)) < 0) return [null];
  await store.ensureLoaded(watermark.input);
  const column = quoteIdent(watermark.column);
  const values = await store.sql.query<{ value: string; n: number | bigint }>(
    `select ${column}::varchar as value, count(*)::bigint as n from ${quoteQualified(watermark.input)}
     where ${column} > coalesce(?::timestamp, '-infinity'::timestamp)
     group by ${column} order by ${column}`,
    [after],
  );
  const bounds: (string | null)[] = [];
  let rows = 0;
  for (const [i, { n }] of values.entries()) {
    if (rows > 0 && rows + Number(n) > maxRows) {
      bounds.push(values[i - 1].value);
      rows = 0;
    }
    rows += Number(n);
  }
  bounds.push(null);
  return bounds;
}
