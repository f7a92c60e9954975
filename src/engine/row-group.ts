/**
 * Rows in one of DuckDB's row groups (its `DEFAULT_ROW_GROUP_SIZE`, 120Ki). Rows appended to a
 * table in pieces go in pieces of this many (or a multiple): a piece that ends inside a row group
 * makes the next one append to that row group, which costs far more than starting a new one.
 * DuckDB-WASM in Node, 1M rows: 8 INSERTs of 128Ki rows into the loaded copies' COMPRESS database
 * took 2.6-3.0 s against 1.4-1.6 s in 120Ki-row INSERTs; Arrow appends of 128Ki-row batches 2.3 s
 * against 0.46 s (100,000-row batches: 0.8-1.3 s).
 */
export const DUCKDB_ROW_GROUP_ROWS = 122_880;
