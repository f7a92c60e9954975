import { LakehouseError } from '../../engine/errors';
import { quoteIdent, quoteQualified } from '../../engine/sql-quote';
import type { ModelStore, OutputCommit, OutputWrite, PipelineSql } from '../model-store';

const VERSIONS = '_store.table_versions';

/**
 * A ModelStore over plain DuckDB tables: each table is the DuckDB table of the same name, and its
 * version is a counter kept in `_store.table_versions`. Runs on DuckDB-WASM (Node tests) and native
 * DuckDB (the benchmark); it has no history and no files, which the Delta lake adds in the app.
 */
export class DuckDbTableStore implements ModelStore {
  private prepared: Promise<void> | null = null;

  constructor(readonly sql: PipelineSql) {}

  async latestVersion(table: string): Promise<number> {
    await this.prepare();
    const rows = await this.sql.query<{ version: number }>(
      `select version from ${VERSIONS} where table_name = ?`,
      [table],
    );
    return rows.length ? rows[0].version : -1;
  }

  async ensureLoaded(table: string): Promise<number> {
    const version = await this.latestVersion(table);
    if (version < 0) throw new LakehouseError('TableNotFound', `Table ${table} does not exist`, { table });
    return version;
  }

  async write(table: string, output: OutputWrite): Promise<OutputCommit> {
    const current = await this.latestVersion(table);
    const target = quoteQualified(table);
    await this.sql.exec(`create schema if not exists ${quoteIdent(table.split('.')[0])}`);
    const params = output.params ?? [];
    if (current < 0 || output.mode === 'overwrite') {
      await this.sql.exec(`create or replace table ${target} as ${output.sql}`, params);
    } else if (output.mode === 'append') {
      await this.sql.exec(`insert into ${target} by name ${output.sql}`, params);
    } else {
      const columns = await this.columnsOf(table);
      const changes = await this.sql.query(mergeStatement(target, columns, output), params);
      if (changes.length === 0) return { version: current, skipped: true };
    }
    const version = current + 1;
    await this.sql.exec(`insert or replace into ${VERSIONS} values (?, ?)`, [table, version]);
    await this.afterCommit(table, output, version);
    return { version, skipped: false };
  }

  /** Called after each commit; a subclass may export the new version (e.g. to Parquet). */
  protected async afterCommit(_table: string, _output: OutputWrite, _version: number): Promise<void> {}

  private async columnsOf(table: string): Promise<string[]> {
    const [schema, name] = table.split('.');
    const rows = await this.sql.query<{ column_name: string }>(
      'select column_name from duckdb_columns() where schema_name = ? and table_name = ? order by column_index',
      [schema, name],
    );
    return rows.map((r) => r.column_name);
  }

  private prepare(): Promise<void> {
    this.prepared ??= (async () => {
      await this.sql.exec('create schema if not exists _store');
      await this.sql.exec(
        `create table if not exists ${VERSIONS} (table_name varchar primary key, version bigint not null)`,
      );
    })();
    return this.prepared;
  }
}

/**
 * DuckDB's MERGE INTO for a merge write; returns one row per changed target row. A matched row is
 * updated only when a value differs, so a MERGE that brings nothing new changes nothing.
 */
function mergeStatement(
  target: string,
  columns: string[],
  output: Extract<OutputWrite, { mode: 'merge' }>,
): string {
  const on = output.keys.map((k) => `target.${quoteIdent(k)} = source.${quoteIdent(k)}`).join(' and ');
  const values = columns.filter((c) => !output.keys.includes(c)).map(quoteIdent);
  const changed = values.length
    ? `(${values.map((c) => `target.${c}`).join(', ')}) is distinct from (${values.map((c) => `source.${c}`).join(', ')})`
    : 'false';
  const clauses = [
    output.whenMatched === 'ignore' ? '' : `when matched and ${changed} then update`,
    'when not matched then insert by name',
    output.deleteNotMatchedBySource ? 'when not matched by source then delete' : '',
  ].filter(Boolean);
  return `merge into ${target} as target using (${output.sql}) as source on ${on} ${clauses.join(' ')} returning merge_action`;
}
