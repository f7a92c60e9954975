import { LakehouseError } from '../../engine/errors';
import { quoteIdent } from '../../engine/sql-quote';
import type { QueryResult, SqlEngine } from '../../engine/types';
import { tableNotFound } from '../errors';
import type { Lake } from '../lake';
import { LAKE_SCHEMA, parseTableName } from '../names';
import { findReferences, type TableReference } from './references';
import { bigint, boolean, resultOf, text, timestamp } from './results';
import { parseLakeStatement, type LakeStatement } from './statements';
import { meaningful, splitStatements, tokenize, type Token } from './tokenizer';

/** The engine calls the SQL console needs. */
export interface ConsoleEngine extends SqlEngine {
  queryResult(sql: string, params?: [], limit?: number): Promise<QueryResult>;
}

/** Layers whose `layer.name` always means a lake table. */
const LAKE_LAYERS = new Set(['bronze', 'silver', 'gold']);

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
  const statement = parseLakeStatement(source, tokens);
  if (statement && (await isLakeTarget(lake, statement)))
    return runLakeStatement(lake, engine, statement, started, limit);
  const text = source.slice(tokens[0].start, tokens.at(-1)!.end);
  const { sql, scratch } = await prepareQuery(lake, text);
  try {
    return await engine.queryResult(sql, [], limit);
  } finally {
    for (const table of scratch) await engine.exec(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** Writes go through the lake only for lake tables; Delta's own statements always do. */
async function isLakeTarget(lake: Lake, statement: LakeStatement): Promise<boolean> {
  if (statement.kind !== 'insert' && statement.kind !== 'delete' && statement.kind !== 'create') return true;
  const layer = statement.table.split('.')[0];
  return LAKE_LAYERS.has(layer) || (await lake.tablesIn(statement.table)).length > 0;
}

/**
 * Load the lake tables a query names, and replace each `t VERSION AS OF n` / `t TIMESTAMP AS OF '…'`
 * by a scratch table holding that version (aliased as the table, so `orders.col` still works).
 */
export async function prepareQuery(lake: Lake, text: string): Promise<{ sql: string; scratch: string[] }> {
  const tokens = meaningful(tokenize(text));
  const references = findReferences(tokens);
  const tables = new Set(await lake.tablesIn(text));
  for (const reference of references) {
    const layer = reference.table.split('.')[0];
    if (
      !tables.has(reference.table) &&
      (LAKE_LAYERS.has(layer) || reference.timeTravel) &&
      !isColumnOf(tokens, reference)
    ) {
      throw tableNotFound(reference.table);
    }
  }
  for (const table of tables) await lake.ensureLoaded(table);
  let sql = '';
  let at = 0;
  const scratch: string[] = [];
  for (const reference of references) {
    if (!reference.timeTravel || !tables.has(reference.table)) continue;
    const version = await lake.resolveVersion(reference.table, reference.timeTravel);
    const name = `tt_${reference.table.replace('.', '__')}_v${version}`;
    const qualified = `${quoteIdent(LAKE_SCHEMA)}.${quoteIdent(name)}`;
    if (!scratch.includes(qualified)) {
      await lake.loadVersion(reference.table, { version }, `${LAKE_SCHEMA}.${name}`);
      scratch.push(qualified);
    }
    const alias = reference.hasAlias ? '' : ` AS ${quoteIdent(parseTableName(reference.table).name)}`;
    sql += text.slice(at, tokens[reference.first].start) + qualified + alias;
    at = tokens[reference.last].end;
  }
  return { sql: sql + text.slice(at), scratch };
}

/** `o.order_id` in a select list is a column, not a table: only names after FROM/JOIN/INTO/… are tables. */
function isColumnOf(tokens: Token[], reference: TableReference): boolean {
  const before = tokens[reference.first - 1]?.text.toUpperCase();
  return !['FROM', 'JOIN', 'INTO', 'TABLE', 'UPDATE', 'USING', ','].includes(before ?? '');
}

async function runLakeStatement(
  lake: Lake,
  engine: ConsoleEngine,
  statement: LakeStatement,
  started: number,
  limit: number,
): Promise<QueryResult> {
  const table = statement.table;
  switch (statement.kind) {
    case 'history': {
      const entries = (await lake.history(table)).slice(0, statement.limit);
      return resultOf(
        [
          bigint('version'),
          timestamp('timestamp'),
          text('operation'),
          text('operationParameters'),
          text('operationMetrics'),
          bigint('readVersion'),
          boolean('isBlindAppend'),
          text('engineInfo'),
        ],
        entries.map((e) => ({
          version: e.version,
          timestamp: e.timestamp,
          operation: e.operation,
          operationParameters: JSON.stringify(e.operationParameters),
          operationMetrics: JSON.stringify(e.operationMetrics),
          readVersion: e.readVersion ?? null,
          isBlindAppend: e.isBlindAppend ?? null,
          engineInfo: e.engineInfo ?? null,
        })),
        started,
        limit,
      );
    }
    case 'detail': {
      const summary = (await lake.listTables()).find((t) => t.name === table);
      if (!summary) throw tableNotFound(table);
      return resultOf(
        [
          text('format'),
          text('name'),
          text('location'),
          bigint('version'),
          bigint('numFiles'),
          bigint('sizeInBytes'),
          bigint('numRecords'),
          text('partitionColumns'),
          timestamp('lastModified'),
        ],
        [
          {
            format: 'delta',
            name: table,
            location: `tables/${table.replace('.', '/')}`,
            version: summary.version,
            numFiles: summary.numFiles,
            sizeInBytes: summary.sizeBytes,
            numRecords: summary.numRecords,
            partitionColumns: JSON.stringify(summary.partitionColumns),
            lastModified: summary.lastModified,
          },
        ],
        started,
      );
    }
    case 'restore': {
      const commit = await lake.restore(table, statement.to);
      const names = [
        'table_size_after_restore',
        'num_of_files_after_restore',
        'num_removed_files',
        'num_restored_files',
        'removed_files_size',
        'restored_files_size',
      ];
      return resultOf(
        names.map(bigint),
        [Object.fromEntries(names.map((n) => [n, commit.metrics[n] ?? 0]))],
        started,
      );
    }
    case 'optimize': {
      const commit = await lake.optimize(table, { zorderBy: statement.zorderBy });
      const m = commit.metrics;
      return resultOf(
        [
          text('path'),
          bigint('version'),
          bigint('numFilesAdded'),
          bigint('numFilesRemoved'),
          bigint('numFilesBefore'),
          bigint('numFilesAfter'),
          bigint('numBytesBefore'),
          bigint('numBytesAfter'),
        ],
        [
          {
            path: table,
            version: commit.version,
            numFilesAdded: m.numAddedFiles ?? 0,
            numFilesRemoved: m.numRemovedFiles ?? 0,
            numFilesBefore: m.numFilesBefore ?? 0,
            numFilesAfter: m.numFilesAfter ?? m.numFilesBefore ?? 0,
            numBytesBefore: m.numBytesBefore ?? null,
            numBytesAfter: m.numBytesAfter ?? m.numBytesBefore ?? null,
          },
        ],
        started,
      );
    }
    case 'vacuum': {
      const result = await lake.vacuum(table, {
        retainHours: statement.retainHours,
        dryRun: statement.dryRun,
        force: statement.force,
      });
      return resultOf(
        [text('path')],
        result.files.map((path) => ({ path })),
        started,
        limit,
      );
    }
    case 'insert': {
      const columns = statement.columns ?? (await columnsOf(lake, engine, table));
      const { sql, scratch } = await prepareQuery(lake, statement.query);
      try {
        const commit = await lake.write(table, {
          sql: `SELECT * FROM (${sql}) AS inserted(${columns.map(quoteIdent).join(', ')})`,
          mode: 'append',
          operation: 'WRITE',
        });
        const n = commit.metrics.numOutputRows ?? 0;
        return resultOf(
          [bigint('num_affected_rows'), bigint('num_inserted_rows'), bigint('version')],
          [{ num_affected_rows: n, num_inserted_rows: n, version: commit.version }],
          started,
        );
      } finally {
        for (const name of scratch) await engine.exec(`DROP TABLE IF EXISTS ${name}`);
      }
    }
    case 'delete': {
      const commit = await lake.deleteWhere(table, statement.predicate ?? 'TRUE');
      return resultOf(
        [bigint('num_affected_rows'), bigint('version')],
        [{ num_affected_rows: commit.metrics.numDeletedRows ?? 0, version: commit.version }],
        started,
      );
    }
    case 'create': {
      if (!statement.orReplace && (await lake.exists(table))) {
        throw new LakehouseError(
          'TableAlreadyExists',
          `${table} already exists: write CREATE OR REPLACE TABLE to replace it (its history is kept)`,
          { table },
        );
      }
      const { sql, scratch } = await prepareQuery(lake, statement.query);
      try {
        const commit = await lake.write(table, {
          sql,
          mode: 'overwrite',
          partitionBy: statement.partitionBy,
          operation: statement.orReplace ? 'CREATE OR REPLACE TABLE AS SELECT' : 'CREATE TABLE AS SELECT',
        });
        return resultOf(
          [bigint('num_affected_rows'), bigint('num_inserted_rows'), bigint('version')],
          [
            {
              num_affected_rows: commit.metrics.numOutputRows ?? 0,
              num_inserted_rows: commit.metrics.numOutputRows ?? 0,
              version: commit.version,
            },
          ],
          started,
        );
      } finally {
        for (const name of scratch) await engine.exec(`DROP TABLE IF EXISTS ${name}`);
      }
    }
  }
}

/** The columns of a lake table, in order (INSERT INTO without a column list is by position). */
async function columnsOf(lake: Lake, engine: ConsoleEngine, table: string): Promise<string[]> {
  await lake.ensureLoaded(table);
  const { layer, name } = parseTableName(table);
  const rows = await engine.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position`,
    [layer, name],
  );
  return rows.map((r) => r.name);
}
