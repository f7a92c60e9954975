import { LakehouseError } from '../../engine/errors';
import type { QueryResult } from '../../engine/types';
import type { Lake } from '../lake';
import type { ConsoleEngine } from './console-engine';
import { checkConsoleStatement, explainRefusal, mayWrite } from './console-guard';
import { runLakeStatement } from './lake-statements';
import { LAKE_LAYERS, prepareQuery } from './prepare-query';
import { parseLakeStatement, type LakeStatement } from './statements';
import { splitStatements, tokenize, type Token } from './tokenizer';

/**
 * Run SQL typed in the console (or `lakehouse.sql`): Delta's statements (DESCRIBE HISTORY, RESTORE,
 * OPTIMIZE, VACUUM, time travel) and writes to lake tables run through the lake; everything else
 * runs in DuckDB once the lake tables it names are loaded. Several statements run in order; the
 * result is the last one's.
 */
export async function runLakeSql(
  lake: Lake,
  engine: ConsoleEngine,
  query: string,
  limit = 10_000,
): Promise<QueryResult> {
  const statements = splitStatements(tokenize(query));
  if (statements.length === 0) throw new LakehouseError('EmptyQuery', 'There is no SQL to run');
  let result: QueryResult | null = null;
  for (const tokens of statements) result = await runStatement(lake, engine, query, tokens, limit);
  return result!;
}

async function runStatement(
  lake: Lake,
  engine: ConsoleEngine,
  source: string,
  tokens: Token[],
  limit: number,
): Promise<QueryResult> {
  const started = performance.now();
  checkConsoleStatement(tokens);
  const statement = parseLakeStatement(source, tokens);
  try {
    if (statement && (await isLakeTarget(lake, statement)))
      return await runLakeStatement(lake, engine, statement, started, limit);
    const text = source.slice(tokens[0].start, tokens.at(-1)!.end);
    const { sql, scratch } = await prepareQuery(lake, text);
    try {
      return await engine.queryResult(sql, [], limit);
    } finally {
      for (const table of scratch) await engine.exec(`DROP TABLE IF EXISTS ${table}`);
      // The lake never trusts a loaded copy that SQL other than its own may have changed: after a
      // statement that can write, every copy is loaded again from its files when next read.
      if (mayWrite(tokens)) await lake.dropLoadedCopies();
    }
  } catch (error) {
    throw explainRefusal(error);
  }
}

/** Writes go through the lake only for lake tables; Delta's own statements always do. */
async function isLakeTarget(lake: Lake, statement: LakeStatement): Promise<boolean> {
  if (!['insert', 'delete', 'update', 'create'].includes(statement.kind)) return true;
  const layer = statement.table.split('.')[0];
  return LAKE_LAYERS.has(layer) || (await lake.tablesIn(statement.table)).length > 0;
}
