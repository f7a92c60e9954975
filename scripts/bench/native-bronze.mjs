// Native Bronze: the landed files read by native DuckDB (read_csv / read_json, every value VARCHAR
// as written) plus the three ingestion columns, committed through the NativeModelStore, which
// writes each Bronze table as zstd Parquet with COPY — the reference for the app's ingestion.
import { listValue } from '@duckdb/node-api';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Bronze columns after the source's own: the same three the app's sources write. */
const META = `?::varchar as _source_file, ?::timestamp as _ingested_at, null::varchar as _rescued_data`;

/**
 * Read every landed Olist CSV under `<root>/landing/olist/` into its Bronze table, one commit per
 * file (as the app does). Returns the rows written per table.
 */
export async function loadOlistBronze(app, store, root) {
  const { OLIST_FILES, quoteIdent, formatTimestamp } = app;
  const rows = {};
  const folder = join(root, 'landing', 'olist');
  for (const name of readdirSync(folder).sort()) {
    const spec = OLIST_FILES.find((f) => f.fileName === name);
    if (!spec) continue;
    const columns = spec.columns.map(quoteIdent).join(', ');
    // allow_quoted_nulls=false: a quoted empty field is '' in the app's parser, not NULL.
    const sql = `select ${columns}, ${META}
                 from read_csv(?, header = true, all_varchar = true, quote = '"', escape = '"',
                               allow_quoted_nulls = false)`;
    const before = await countRows(app, store, spec.table);
    await store.write(spec.table, {
      mode: 'append',
      sql,
      params: [`landing/olist/${name}`, formatTimestamp(Date.now()), join(folder, name)],
    });
    rows[spec.table] = (rows[spec.table] ?? 0) + (await countRows(app, store, spec.table)) - before;
  }
  return rows;
}

/**
 * Read the simulator batches numbered `fromSeq`..`toSeq` (inclusive) under `<root>/landing/events/`
 * into bronze.events in one commit; `_source_file` is the landing path, as in the app. Returns the
 * rows appended.
 */
export async function loadEventsBronze(app, store, root, fromSeq, toSeq) {
  const { EVENT_COLUMNS, formatTimestamp, quoteIdent } = app;
  const folder = join(root, 'landing', 'events');
  const files = readdirSync(folder)
    .map((name) => ({ name, seq: Number(/^batch-(\d+)\.jsonl$/.exec(name)?.[1] ?? NaN) }))
    .filter((f) => f.seq >= fromSeq && f.seq <= toSeq)
    .sort((a, b) => a.seq - b.seq);
  if (files.length === 0) return 0;
  const before = await countRows(app, store, 'bronze.events');
  const types = EVENT_COLUMNS.map((c) => `${quoteIdent(c)}: 'VARCHAR'`).join(', ');
  const sql = `select ${EVENT_COLUMNS.map(quoteIdent).join(', ')},
                      'landing/events/' || parse_filename(filename) as _source_file,
                      ?::timestamp as _ingested_at, null::varchar as _rescued_data
               from read_json(?, format = 'newline_delimited', columns = {${types}},
                              filename = true, ignore_errors = true)`;
  await store.write('bronze.events', {
    mode: 'append',
    sql,
    params: [formatTimestamp(Date.now()), listValue(files.map((f) => join(folder, f.name)))],
  });
  return (await countRows(app, store, 'bronze.events')) - before;
}

async function countRows(app, store, table) {
  if ((await store.latestVersion(table)) < 0) return 0;
  const [{ n }] = await store.engine.query(`select count(*)::bigint as n from ${app.quoteQualified(table)}`);
  return Number(n);
}
