/**
 * DuckDB's `memory_limit` in the browser engine. DuckDB-WASM cannot spill (a `temp_directory`
 * under `opfs://` does not work in 1.32: duckdb-wasm issue #2061) and its WebAssembly memory never
 * shrinks, so without a limit of our own DuckDB takes its default, 80% of wasm32's 4 GiB
 * (3.1 GiB), and the tab dies before DuckDB refuses anything. With this limit a statement that
 * needs more fails with DuckDB's "Out of Memory Error" and the write it belongs to commits
 * nothing; the tab, parquet-wasm's own heap and the page stay alive. The value is a trade measured
 * with `npm run bench` (see scripts/bench/notes.md, "Memory").
 */
export const BROWSER_MEMORY_LIMIT = '2GiB';

const LIMIT = /^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

/** The `SET memory_limit` statement for a limit such as `2GiB` (checked: it is spliced into SQL). */
export function memoryLimitSql(limit: string): string {
  if (!LIMIT.test(limit)) throw new Error(`Not a DuckDB memory limit: ${JSON.stringify(limit)}`);
  return `SET memory_limit = '${limit}'`;
}
