import { DuckDBInstance } from '@duckdb/node-api';
import { quoteIdent } from '../../../../src/engine/sql-quote';
import type { SqlEngine } from '../../../../src/engine/types';

/** Columns fingerprinted in the order given: row count and an md5 over every value, NULLs marked. */
export function fingerprintSql(from: string, columns: readonly string[]): string {
  const cols = columns.map((c) => `coalesce(${quoteIdent(c)}, '<NULL>')`);
  const order = columns.map((c) => quoteIdent(c)).join(', ');
  return `select count(*)::bigint::varchar as n,
                 md5(coalesce(string_agg(concat_ws(chr(31), ${cols.join(', ')}), chr(30) order by ${order}), '')) as h
          from ${from}`;
}

/** The same fingerprint from native DuckDB's own CSV reader: an independent parser to compare with. */
export async function nativeCsvFingerprint(
  path: string,
  columns: readonly string[],
): Promise<{ n: string; h: string }> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const source = `read_csv('${path.replaceAll("'", "''")}', all_varchar = true, header = true, delim = ',', quote = '"', escape = '"')`;
    const reader = await conn.runAndReadAll(fingerprintSql(source, columns));
    const [n, h] = reader.getRows()[0] as [string, string];
    return { n, h };
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

/** The fingerprint of a table in our DuckDB-WASM engine. */
export async function wasmFingerprint(
  engine: SqlEngine,
  table: string,
  columns: readonly string[],
): Promise<{ n: string; h: string }> {
  const [row] = await engine.query<{ n: string; h: string }>(fingerprintSql(table, columns));
  return row;
}
