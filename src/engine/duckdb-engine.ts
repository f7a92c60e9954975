import type { DuckDBBindings, DuckDBConnection } from 'duckdb-browser-blocking';
import { columnsOf, ipcFileToStream, ipcToTable, tableToRows } from './arrow-ipc';
import { SqlError } from './errors';
import { quoteIdent } from './sql-quote';
import type { QueryResult, Row, SqlEngine, SqlValue } from './types';

/** Settings every connection gets: never reach for an extension download (there is no network). */
const CONNECT_SQL = ['SET autoload_known_extensions = false', 'SET autoinstall_known_extensions = false'];

/**
 * SqlEngine over DuckDB-WASM's synchronous bindings: the blocking build in our own browser
 * worker, or the Node blocking build in unit tests. One connection, used by one caller at a time.
 */
export class DuckDbEngine implements SqlEngine {
  private readonly conn: DuckDBConnection;
  private readonly connId: number;

  constructor(private readonly db: DuckDBBindings) {
    this.conn = db.connect();
    this.connId = this.conn.useUnsafe((_, id) => id);
    for (const statement of CONNECT_SQL) this.conn.query(statement);
  }

  /** DuckDB's version string, e.g. `v1.4.3`. */
  version(): string {
    return this.db.getVersion();
  }

  async exec(sql: string, params: SqlValue[] = []): Promise<void> {
    this.runIpc(sql, params);
  }

  async query<T extends Row = Row>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return tableToRows(ipcToTable(this.runIpc(sql, params))) as T[];
  }

  /** Run a query and return columns, up to `limit` rows and the full row count. */
  async queryResult(sql: string, params: SqlValue[] = [], limit = 10_000): Promise<QueryResult> {
    const started = performance.now();
    const table = ipcToTable(this.runIpc(sql, params));
    return {
      columns: columnsOf(table),
      rows: tableToRows(table, limit),
      rowCount: table.numRows,
      elapsedMs: performance.now() - started,
    };
  }

  async queryArrow(sql: string, params: SqlValue[] = []): Promise<Uint8Array> {
    return ipcFileToStream(this.runIpc(sql, params));
  }

  async createTableFromArrow(table: string, ipcStream: Uint8Array): Promise<void> {
    const { schema, name } = splitName(table);
    this.runIpc(`DROP TABLE IF EXISTS ${quoteIdent(schema)}.${quoteIdent(name)}`, []);
    this.insert(ipcStream, { schema, name, create: true });
  }

  async appendArrow(table: string, ipcStream: Uint8Array): Promise<void> {
    const { schema, name } = splitName(table);
    this.insert(ipcStream, { schema, name, create: false });
  }

  /** Close the connection. */
  close(): void {
    this.conn.close();
  }

  private insert(ipcStream: Uint8Array, options: { schema: string; name: string; create: boolean }): void {
    try {
      this.conn.insertArrowFromIPCStream(ipcStream, options);
    } catch (error) {
      throw new SqlError(messageOf(error), `-- insert Arrow into ${options.schema}.${options.name}`);
    }
  }

  private runIpc(sql: string, params: SqlValue[]): Uint8Array {
    try {
      if (params.length === 0) return this.db.runQuery(this.connId, sql);
      const statement = this.db.createPrepared(this.connId, sql);
      try {
        return this.db.runPrepared(this.connId, statement, params.map(bindable));
      } finally {
        this.db.closePrepared(this.connId, statement);
      }
    } catch (error) {
      throw new SqlError(messageOf(error), sql);
    }
  }
}

function bindable(value: SqlValue): unknown {
  // DuckDB-WASM binds through JSON: a bigint would not survive it, so send it as text.
  return typeof value === 'bigint' ? value.toString() : value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function splitName(table: string): { schema: string; name: string } {
  const dot = table.indexOf('.');
  return dot < 0
    ? { schema: 'main', name: table }
    : { schema: table.slice(0, dot), name: table.slice(dot + 1) };
}
