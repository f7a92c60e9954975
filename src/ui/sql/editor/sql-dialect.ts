import { SQLDialect } from '@codemirror/lang-sql';

/** DuckDB's SQL keywords (the statements and clauses a user types into the console). */
const DUCKDB_KEYWORDS = `
  select from where group by having order limit offset qualify window over partition rows range
  groups between unbounded preceding following current row exclude ties others filter within
  with recursive materialized as distinct on all any some union intersect except by name pivot
  unpivot using join inner left right full outer cross natural positional asof lateral semi anti
  insert into values default returning update set delete truncate create or replace temporary temp
  table view schema sequence macro function index unique if not exists drop cascade restrict alter
  add column rename to primary key foreign references check constraint collate generated always
  virtual stored attach detach database use describe show summarize explain analyze pragma copy
  export import checkpoint force begin transaction commit rollback abort vacuum call load install
  prepare execute deallocate case when then else end cast try_cast and or is null true false like
  ilike glob similar escape in exists asc desc nulls first last sample tablesample repeatable
  reservoir bernoulli system percent array map struct list union_tag lambda columns star
  interval year month day hour minute second millisecond microsecond epoch
  merge matched do nothing conflict
`;

/**
 * This app's Delta Lake statements (src/lake/sql/statements.ts and references.ts): DESCRIBE
 * HISTORY/DETAIL, VERSION AS OF, TIMESTAMP AS OF, OPTIMIZE … ZORDER BY, VACUUM … RETAIN n HOURS
 * [DRY RUN], RESTORE TABLE … TO VERSION AS OF, MERGE INTO.
 */
export const DELTA_KEYWORDS = `history detail version timestamp optimize zorder retain hours dry run restore merge matched`;

/** DuckDB's types, highlighted apart from keywords. */
const DUCKDB_TYPES = `
  bigint int8 long integer int4 int signed smallint int2 short tinyint int1 hugeint uhugeint ubigint
  uinteger usmallint utinyint boolean bool logical double float8 real float4 float decimal numeric
  varchar char bpchar text string blob bytea varbinary binary bit bitstring date time timestamp
  datetime timestamptz timestamp_s timestamp_ms timestamp_ns interval uuid json enum
`;

/** A few of DuckDB's table functions and aggregates, offered and highlighted as built-ins. */
const DUCKDB_BUILTINS = `
  range generate_series unnest read_csv read_parquet read_json count sum avg min max median mode
  quantile_cont quantile_disc approx_count_distinct string_agg list arg_max arg_min first last
  coalesce nullif greatest least round floor ceil abs date_trunc date_part datediff date_diff
  strftime strptime epoch_ms now current_date current_timestamp regexp_matches regexp_replace
  regexp_extract lower upper length substring replace trim concat split_part hash row_number rank
  dense_rank lag lead ntile percent_rank cume_dist
`;

const words = (text: string) => text.trim().split(/\s+/).join(' ');

/** DuckDB's dialect for CodeMirror, with the lake's Delta statements as keywords. */
export const duckDbDialect = SQLDialect.define({
  keywords: `${words(DUCKDB_KEYWORDS)} ${DELTA_KEYWORDS}`,
  types: words(DUCKDB_TYPES),
  builtin: words(DUCKDB_BUILTINS),
  // DuckDB: 'text' is a string, "name" an identifier, -- and /* */ comments.
  doubleQuotedStrings: false,
  identifierQuotes: '"',
  slashComments: false,
  operatorChars: '*+-%<>!=&|~^/:',
  caseInsensitiveIdentifiers: true,
});
