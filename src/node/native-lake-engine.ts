import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quoteIdent, sqlLiteral } from '../engine/sql-quote';
import type { ParquetWasmModule } from '../engine/parquet-codec';
import type { FileBufferEngine, Row, SqlValue } from '../engine/types';
import { NativeDuckDbEngine } from './native-engine';

/**
 * Result types that DuckDB's Parquet writer stores differently from DuckDB-WASM's Arrow export
 * (HUGEINT as DOUBLE, UUID as 16 raw bytes), cast first to what the browser's engine gives, so
 * the Delta schema of a table is the same whichever engine wrote it.
 */
const ARROW_LIKE_CASTS: Array<[RegExp, string]> = [
  [/\bU?HUGEINT\b/g, 'DECIMAL(38,0)'],
  [/\bUUID\b/g, 'VARCHAR'],
];

/**
 * The lake's SqlEngine on native DuckDB (`@duckdb/node-api`, Node only). That API has no Arrow, so
 * Arrow IPC crosses through Parquet files in a private temporary folder: a query's result is
 * written by DuckDB's COPY and read by parquet-wasm into Arrow; Arrow is written by parquet-wasm
 * and read by DuckDB's read_parquet. The lake on top is the app's own: the same Delta tables,
 * written by the same parquet-wasm encoder. DuckDB spills to the same folder when memory is short.
 */
export class NativeLakeEngine implements FileBufferEngine {
  private readonly folder = mkdtempSync(join(tmpdir(), 'pocket-lakehouse-'));
  private files = 0;
  /** Registered file names (as the sources bind them) → the temporary file holding their bytes. */
  private readonly registered = new Map<string, string>();

  private constructor(
    readonly native: NativeDuckDbEngine,
    private readonly parquet: ParquetWasmModule,
  ) {}

  /** Open an in-memory native DuckDB that never downloads an extension. */
  static async open(parquet: ParquetWasmModule): Promise<NativeLakeEngine> {
    const engine = new NativeLakeEngine(await NativeDuckDbEngine.open(), parquet);
    // SET takes no parameters: the folder is a literal.
    await engine.exec(`SET temp_directory = ${sqlLiteral(join(engine.folder, 'spill'))}`);
    await engine.exec('SET autoinstall_known_extensions = false');
    await engine.exec('SET autoload_known_extensions = false');
    return engine;
  }

  /** DuckDB's version string, e.g. `v1.4.4`. */
  async version(): Promise<string> {
    const [{ version }] = await this.query<{ version: string }>('select version() as version');
    return version;
  }

  exec(sql: string, params: SqlValue[] = []): Promise<void> {
    return this.native.exec(sql, this.resolved(params));
  }

  query<T extends Row = Row>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.native.query<T>(sql, this.resolved(params));
  }

  /**
   * Make bytes readable under a name, as DuckDB-WASM's registered file buffers are (the Bronze fast
   * path hands the file to `read_csv`): they go to a temporary file, and the name, bound as a
   * parameter, is read from there.
   */
  registerFileBuffer(path: string, bytes: Uint8Array): void {
    const file = this.nextFile('csv');
    writeFileSync(file, bytes);
    this.registered.set(path, file);
  }

  dropFileBuffer(path: string): void {
    const file = this.registered.get(path);
    if (!file) return;
    this.registered.delete(path);
    rmSync(file, { force: true });
  }

  async queryArrow(sql: string, params: SqlValue[] = []): Promise<Uint8Array> {
    const columns = await this.resultColumns(sql, params);
    const select = columns.map(({ name, type }) => {
      const cast = ARROW_LIKE_CASTS.reduce((t, [pattern, to]) => t.replace(pattern, to), type);
      return cast === type ? quoteIdent(name) : `CAST(${quoteIdent(name)} AS ${cast}) AS ${quoteIdent(name)}`;
    });
    const path = this.nextFile();
    try {
      // COPY takes the query's parameters, but its target only as a literal.
      await this.exec(
        `COPY (SELECT ${select.join(', ')} FROM (${sql}) AS __q) TO ${sqlLiteral(path)} (FORMAT parquet, COMPRESSION uncompressed)`,
        params,
      );
      return this.parquet.readParquet(readFileSync(path)).intoIPCStream();
    } finally {
      unlinkSync(path);
    }
  }

  async createTableFromArrow(table: string, ipcStream: Uint8Array): Promise<void> {
    const target = qualified(table);
    await this.fromArrow(ipcStream, async (path) => {
      await this.exec(`DROP TABLE IF EXISTS ${target}`);
      await this.exec(`CREATE TABLE ${target} AS SELECT * FROM read_parquet(?)`, [path]);
    });
  }

  async appendArrow(table: string, ipcStream: Uint8Array): Promise<void> {
    await this.fromArrow(ipcStream, (path) =>
      this.exec(`INSERT INTO ${qualified(table)} SELECT * FROM read_parquet(?)`, [path]),
    );
  }

  /** Close DuckDB and delete the temporary folder. */
  close(): void {
    this.native.close();
    rmSync(this.folder, { recursive: true, force: true });
  }

  private async fromArrow(ipcStream: Uint8Array, load: (path: string) => Promise<void>): Promise<void> {
    const pq = this.parquet;
    const properties = new pq.WriterPropertiesBuilder().setCompression(pq.Compression.UNCOMPRESSED).build();
    const path = this.nextFile();
    writeFileSync(path, pq.writeParquet(pq.Table.fromIPCStream(ipcStream), properties));
    try {
      await load(path);
    } finally {
      unlinkSync(path);
    }
  }

  /** Names and DuckDB types of a query's columns, from an empty run of it. */
  private async resultColumns(
    sql: string,
    params: SqlValue[],
  ): Promise<Array<{ name: string; type: string }>> {
    const probe = '__arrow_columns';
    await this.exec(`CREATE OR REPLACE TEMP TABLE ${probe} AS SELECT * FROM (${sql}) AS __q LIMIT 0`, params);
    try {
      const rows = await this.query<{ name: string; type: string }>(
        `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
         WHERE table_name = ? AND database_name = 'temp' ORDER BY column_index`,
        [probe],
      );
      return rows;
    } finally {
      await this.exec(`DROP TABLE IF EXISTS ${probe}`);
    }
  }

  private nextFile(extension = 'parquet'): string {
    return join(this.folder, `file-${++this.files}.${extension}`);
  }

  private resolved(params: SqlValue[]): SqlValue[] {
    if (this.registered.size === 0) return params;
    return params.map((p) => (typeof p === 'string' ? (this.registered.get(p) ?? p) : p));
  }
}

/** `schema.name` (or `name` in main), quoted as the WASM engine does. */
function qualified(table: string): string {
  const dot = table.indexOf('.');
  return dot < 0
    ? `main.${quoteIdent(table)}`
    : `${quoteIdent(table.slice(0, dot))}.${quoteIdent(table.slice(dot + 1))}`;
}
