import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { formatDate, formatTimestamp } from '../engine/arrow-ipc';
import { SqlError } from '../engine/errors';
import type { Row, SqlValue } from '../engine/types';
import type { PipelineSql } from '../pipeline/model-store';
import { errorMessage } from '../engine/error-message';

type Converter = (value: unknown) => unknown;

const TIMESTAMPS = new Set([
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
]);

/**
 * The pipeline's SQL on native DuckDB (`@duckdb/node-api`, Node only): the same model files as in
 * the browser, for the benchmark and for data that outgrows a tab. Rows come back in the shape the
 * WASM engine gives (DECIMAL as number, TIMESTAMP as `YYYY-MM-DD HH:MM:SS`, DATE as `YYYY-MM-DD`).
 */
export class NativeDuckDbEngine implements PipelineSql {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Open a database (a file path, or in memory by default). */
  static async open(path = ':memory:'): Promise<NativeDuckDbEngine> {
    const instance = await DuckDBInstance.create(path);
    return new NativeDuckDbEngine(instance, await instance.connect());
  }

  async exec(sql: string, params: SqlValue[] = []): Promise<void> {
    await this.run(sql, params);
  }

  async query<T extends Row = Row>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    const reader = await this.run(sql, params);
    const converters = reader.columnTypes().map((type) => converterFor(type.typeId));
    const names = reader.columnNames();
    return reader.getRowsJS().map((values) => {
      const row: Row = {};
      values.forEach((value, i) => {
        row[names[i]] = value === null ? null : converters[i](value);
      });
      return row as T;
    });
  }

  /** Close the connection and the database. */
  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async run(sql: string, params: SqlValue[]) {
    try {
      return params.length === 0
        ? await this.connection.runAndReadAll(sql)
        : await this.connection.runAndReadAll(sql, params as DuckDBValue[]);
    } catch (error) {
      throw new SqlError(errorMessage(error), sql);
    }
  }
}

function converterFor(typeId: DuckDBTypeId): Converter {
  if (typeId === DuckDBTypeId.DATE) return (v) => formatDate((v as Date).getTime());
  if (TIMESTAMPS.has(typeId)) return (v) => formatTimestamp((v as Date).getTime());
  return (v) => (typeof v === 'bigint' ? bigintToJs(v) : v);
}

function bigintToJs(value: bigint): number | string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}
