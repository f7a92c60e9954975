import { LakehouseError } from '../engine/errors';
import type { DuckDbEngine } from '../engine/duckdb-engine';
import type { QueryResult, SqlValue } from '../engine/types';
import type { Lake } from '../lake/lake';
import { prepareQuery } from '../lake/sql/prepare-query';
import { meaningful, splitStatements, tokenize } from '../lake/sql/tokenizer';

/** Words a read query may start with. */
const READS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE']);
/** Words that make a statement more than a read, wherever they stand outside strings. */
const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'CREATE', 'DROP', 'ALTER', 'COPY', 'ATTACH']);

/**
 * Run one read-only statement a screen built (a chart's query), with its values bound as
 * parameters (`?`): lake tables it names are loaded, `VERSION AS OF` / `TIMESTAMP AS OF` read
 * that version. Anything but one SELECT is refused, naming what was found.
 */
export async function runReadQuery(
  lake: Lake,
  engine: Pick<DuckDbEngine, 'queryResult' | 'exec'>,
  query: string,
  params: SqlValue[],
  limit: number,
): Promise<QueryResult> {
  const statements = splitStatements(tokenize(query));
  if (statements.length !== 1)
    throw new LakehouseError(
      'NotAReadQuery',
      `A read query is one SELECT; this text has ${statements.length} statements`,
    );
  const words = meaningful(statements[0])
    .filter((t) => t.kind === 'word')
    .map((t) => t.text.toUpperCase());
  const write = words.find((w) => WRITES.has(w));
  if (!READS.has(words[0] ?? '') || write) {
    const found = READS.has(words[0] ?? '') ? `has ${write}` : `starts with ${words[0]}`;
    throw new LakehouseError('NotAReadQuery', `A read query is one SELECT; this one ${found}`);
  }
  const { sql, scratch } = await prepareQuery(lake, query);
  try {
    return await engine.queryResult(sql, params, limit);
  } finally {
    for (const table of scratch) await engine.exec(`DROP TABLE IF EXISTS ${table}`);
  }
}
