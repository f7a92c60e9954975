import { LakehouseError } from '../../engine/errors';
import { quoteIdent } from '../../engine/sql-quote';
import type { QueryResult } from '../../engine/types';
import { tableNotFound } from '../errors';
import type { Lake } from '../lake';
import { parseTableName } from '../names';
import { bigint, boolean, resultOf, text, timestamp } from './results';
import { prepareQuery } from './prepare-query';
import type { ConsoleEngine } from './console-engine';
import type { LakeStatement } from './statements';

/** Run a statement the lake handles itself, with a result shaped like Delta's (or Databricks') own. */
export async function runLakeStatement(
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
    case 'update': {
      const commit = await lake.update(table, statement.assignments, statement.predicate ?? 'TRUE');
      return resultOf(
        [bigint('num_affected_rows'), bigint('version')],
        [{ num_affected_rows: commit.metrics.numUpdatedRows ?? 0, version: commit.version }],
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
