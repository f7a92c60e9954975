import type { DuckDBBindings, DuckDBBindingsBase, DuckDBConnection } from 'duckdb-browser-blocking';
import { concatBytes } from './bytes';
import { columnsOf, ipcFileToStream, ipcToTable, tableToRows } from './arrow-ipc';
import { CancelledError, SqlError } from './errors';
import { quoteIdent } from './sql-quote';
import { STAGING_DIRECTORY, type FileBufferEngine, type QueryResult, type Row, type SqlValue } from './types';
import { errorMessage } from './error-message';
import { memoryLimitSql } from './memory-limit';

/** How the engine is set up at boot. */
export interface EngineOptions {
  /** DuckDB's `memory_limit` (e.g. `2GiB`); DuckDB's default (80% of memory) when not given. */
  memoryLimit?: string;
}

/**
 * Settings made once at boot, in this order: no extension is ever loaded or installed, DuckDB opens
 * no file but the buffers registered under STAGING_DIRECTORY (external access off: no disk, no
 * network), the memory limit when one is given, and then the configuration is locked, so nothing
 * typed in the SQL console can turn any of it back on (or raise the limit). (`allowed_directories`
 * must be set before external access is turned off.)
 */
function bootSql(options: EngineOptions): string[] {
  return [
    'SET autoload_known_extensions = false',
    'SET autoinstall_known_extensions = false',
    `SET allowed_directories = ['${STAGING_DIRECTORY}']`,
    'SET enable_external_access = false',
    ...(options.memoryLimit === undefined ? [] : [memoryLimitSql(options.memoryLimit)]),
    'SET lock_configuration = true',
  ];
}

/**
 * SqlEngine over DuckDB-WASM's synchronous bindings: the blocking build in our own browser
 * worker, or the Node blocking build in unit tests. One connection, used by one caller at a time.
 */
export class DuckDbEngine implements FileBufferEngine {
  private readonly conn: DuckDBConnection;
  private readonly connId: number;
  private cancelRequested = false;
  private inRequest = false;

  constructor(
    private readonly db: DuckDBBindings,
    options: EngineOptions = {},
  ) {
    this.conn = db.connect();
    this.connId = this.conn.useUnsafe((_, id) => id);
    for (const statement of bootSql(options)) this.conn.query(statement);
  }

  /** DuckDB's version string, e.g. `v1.4.3`. */
  version(): string {
    return this.db.getVersion();
  }

  /** Bytes of DuckDB's WebAssembly memory; it never shrinks, so this is also its peak so far. */
  wasmMemoryBytes(): number {
    // Both builds' bindings are a DuckDBBindingsBase, whose Emscripten module is typed without its
    // heap views (@types/emscripten is not installed).
    const module = (this.db as DuckDBBindingsBase).mod as unknown as { HEAPU8: Uint8Array };
    return module.HEAPU8.buffer.byteLength;
  }

  /**
   * Ask the statement that is running now to stop. It stops at its next poll (DuckDB works in
   * slices of about 100 ms and yields to the event loop between them) and rejects with
   * `CancelledError`. Within a request (`withinRequest`) a cancel between statements stops the
   * next one; outside a request a statement that has not started is not affected.
   */
  cancel(): void {
    this.cancelRequested = true;
  }

  /**
   * Run `job` as one request: a cancel that arrives while it runs stops the statement running then
   * or, when it arrives between two statements (the lake runs a few of its own before a user's
   * query), the next one. Outside a request a cancel reaches only a statement already running.
   * Either way it stops one statement, so cleanup statements after it still run. A request may
   * run inside another (a chart's query in a slot between two pipeline models): when it ends,
   * the outer one is a request again, and a cancel meant for the inner one is used up.
   */
  async withinRequest<T>(job: () => Promise<T>): Promise<T> {
    const outer = this.inRequest;
    this.cancelRequested = false;
    this.inRequest = true;
    try {
      return await job();
    } finally {
      this.inRequest = outer;
      this.cancelRequested = false;
    }
  }

  async exec(sql: string, params: SqlValue[] = []): Promise<void> {
    await this.run(sql, params);
  }

  async query<T extends Row = Row>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return tableToRows(ipcToTable(await this.run(sql, params))) as T[];
  }

  /** Run a query and return columns, up to `limit` rows and the full row count. */
  async queryResult(sql: string, params: SqlValue[] = [], limit = 10_000): Promise<QueryResult> {
    const started = performance.now();
    const table = ipcToTable(await this.run(sql, params));
    return {
      columns: columnsOf(table),
      rows: tableToRows(table, limit),
      rowCount: table.numRows,
      elapsedMs: performance.now() - started,
    };
  }

  /**
   * Run a query and return its result as an Arrow IPC stream. The result is streamed out of DuckDB
   * chunk by chunk rather than materialized in WebAssembly memory first: that memory never
   * shrinks, and a large export (a data file being written) would otherwise hold two copies there.
   */
  async queryArrow(sql: string, params: SqlValue[] = []): Promise<Uint8Array> {
    return ipcFileToStream(await this.run(sql, params, true));
  }

  async createTableFromArrow(table: string, ipcStream: Uint8Array): Promise<void> {
    const { schema, name } = splitName(table);
    await this.run(`DROP TABLE IF EXISTS ${quoteIdent(schema)}.${quoteIdent(name)}`, []);
    this.insert(ipcStream, { schema, name, create: true });
  }

  async appendArrow(table: string, ipcStream: Uint8Array): Promise<void> {
    const { schema, name } = splitName(table);
    this.insert(ipcStream, { schema, name, create: false });
  }

  registerFileBuffer(path: string, bytes: Uint8Array): void {
    this.db.registerFileBuffer(path, bytes);
  }

  dropFileBuffer(path: string): void {
    this.db.dropFile(path);
  }

  /** Close the connection. */
  close(): void {
    this.conn.close();
  }

  private insert(ipcStream: Uint8Array, options: { schema: string; name: string; create: boolean }): void {
    try {
      this.conn.insertArrowFromIPCStream(ipcStream, options);
    } catch (error) {
      throw new SqlError(errorMessage(error), `-- insert Arrow into ${options.schema}.${options.name}`);
    }
  }

  /**
   * Run SQL and return its result as Arrow IPC (a stream, or DuckDB's file format for prepared
   * statements). `stream` fetches the result chunk by chunk as DuckDB produces it; the work done
   * while fetching cannot be cancelled, so only internal exports ask for it.
   */
  private async run(sql: string, params: SqlValue[], stream = false): Promise<Uint8Array> {
    if (this.cancelRequested && this.inRequest) this.throwCancelled();
    this.cancelRequested = false;
    try {
      if (params.length > 0) return stream ? this.sendPrepared(sql, params) : this.runPrepared(sql, params);
      return await this.runPending(sql, stream);
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      throw new SqlError(errorMessage(error), sql);
    }
  }

  private runPrepared(sql: string, params: SqlValue[]): Uint8Array {
    const statement = this.db.createPrepared(this.connId, sql);
    try {
      return this.db.runPrepared(this.connId, statement, params.map(bindable));
    } finally {
      this.db.closePrepared(this.connId, statement);
    }
  }

  private sendPrepared(sql: string, params: SqlValue[]): Uint8Array {
    const statement = this.db.createPrepared(this.connId, sql);
    try {
      return this.fetchAll(this.db.sendPrepared(this.connId, statement, params.map(bindable)));
    } finally {
      this.db.closePrepared(this.connId, statement);
    }
  }

  /** A pending query polled slice by slice, yielding between slices so a cancel can arrive. */
  private async runPending(sql: string, stream: boolean): Promise<Uint8Array> {
    let header = this.db.startPendingQuery(this.connId, sql, stream);
    while (header === null) {
      await yieldToEventLoop();
      if (this.cancelRequested) {
        this.db.cancelPendingQuery(this.connId);
        this.throwCancelled();
      }
      header = this.db.pollPendingQuery(this.connId);
    }
    return this.fetchAll(header);
  }

  /** A cancel stops one statement: it is used up here. */
  private throwCancelled(): never {
    this.cancelRequested = false;
    throw new CancelledError('The query');
  }

  /**
   * The header and every result chunk after it, as one Arrow IPC stream. An empty chunk ends the
   * result; `null` is DuckDB-WASM's "retry": the next chunk was not ready within its polling
   * interval (a slow chunk, or a busy machine), so ask again, as DuckDB-WASM's own result iterator
   * does. Taking `null` for the end silently dropped the rest of the result.
   */
  private fetchAll(header: Uint8Array): Uint8Array {
    const chunks = [header];
    for (;;) {
      const chunk = this.db.fetchQueryResults(this.connId);
      if (chunk === null) continue;
      if (chunk.length === 0) break;
      chunks.push(chunk);
    }
    chunks.push(END_OF_STREAM);
    return concatBytes(chunks);
  }
}

/** The Arrow IPC end-of-stream marker: continuation token, then a zero-length message. */
const END_OF_STREAM = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/** Let queued messages (such as a cancel) run; a MessageChannel task is not clamped like setTimeout. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function bindable(value: SqlValue): unknown {
  // DuckDB-WASM binds through JSON: a bigint would not survive it, so send it as text.
  return typeof value === 'bigint' ? value.toString() : value;
}

function splitName(table: string): { schema: string; name: string } {
  const dot = table.indexOf('.');
  return dot < 0
    ? { schema: 'main', name: table }
    : { schema: table.slice(0, dot), name: table.slice(dot + 1) };
}
