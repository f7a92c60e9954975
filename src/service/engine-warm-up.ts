import type { DuckDbEngine } from '../engine/duckdb-engine';
import type { ParquetCodec } from '../engine/parquet-codec';
import { quoteIdent } from '../engine/sql-quote';
import { checkRows } from '../pipeline/quality/check-expectations';
import type { Expectation } from '../pipeline/quality/expectation-types';
import { readHeader } from '../sources/csv/read-header';
import { stageWithReadCsv } from '../sources/csv/read-csv-stage';
import type { RecognisedHeader } from '../sources/csv/recognise-header';
import { OLIST_FILES } from '../sources/olist-files';

const STAGED = 'main.__warm_up_staged';
const ROWS = '__warm_up_rows';
const MODEL = '__warm_up_model';

/** A customers file of three rows (one twice): what an ingestion reads first, in miniature. */
function tinyCustomersCsv(): Uint8Array {
  const spec = OLIST_FILES.find((f) => f.table === 'bronze.olist_customers')!;
  const row = (i: number) => [`c${i}`, `u${i}`, `0100${i}`, `são paulo ${i}`, 'SP'];
  const lines = [spec.columns.map((c) => `"${c}"`), row(1), row(2), row(2)].map((cells) => cells.join(','));
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/** The kinds of check the first models run, over the warm-up's own tables. */
const CHECKS: Expectation[] = [
  { type: 'not_null', column: 'customer_id', action: 'warn' },
  { type: 'unique', columns: ['customer_id'], action: 'warn' },
  { type: 'accepted_values', column: 'state', values: ['SP', 'RJ'], action: 'warn' },
  { type: 'range', column: 'zip', min: 0, action: 'warn' },
  { type: 'relationships', column: 'customer_id', to: ROWS, field: 'customer_id', action: 'warn' },
  {
    type: 'expression',
    name: 'zip_has_5_digits',
    sql: "regexp_full_match(zip_text, '[0-9]{5}')",
    action: 'warn',
  },
  {
    type: 'expression',
    name: 'has_a_row',
    sql: `exists (select 1 from ${ROWS} as r where r.customer_id = t.customer_id)`,
    action: 'warn',
  },
];

/**
 * Run, on a few rows of the engine's own scratch tables, the kinds of statement an Olist ingestion
 * and the first models run: `read_csv` with its reject tables, casts, a file's statistics, an
 * Arrow export and a Parquet encode, deduplication with a window, joins, aggregates and the
 * checks. DuckDB-WASM and parquet-wasm compile their code on first use (hundreds of milliseconds
 * per new kind of statement on a busy machine); "Generate" runs this while the generator builds
 * the files in its own worker, so the engine, idle then, is warm when they land. Writes nothing
 * to storage and leaves no table behind; `stop()` is asked before each step and ends it early.
 */
export async function warmUpEngine(
  engine: DuckDbEngine,
  parquet: ParquetCodec,
  stop: () => boolean,
): Promise<void> {
  const steps: Array<() => Promise<unknown>> = [
    async () => {
      const bytes = tinyCustomersCsv();
      const header = readHeader(bytes);
      if (header.recognition.kind !== 'olist') return;
      await stageWithReadCsv(
        engine,
        bytes,
        { ...header, recognition: header.recognition as RecognisedHeader },
        STAGED,
      );
    },
    () =>
      engine.exec(
        `create or replace temp table ${ROWS} as
         select cast(customer_id as varchar) as customer_id, cast(customer_zip_code_prefix as varchar) as zip_text,
                customer_city, customer_state, ?::varchar as _source_file, ?::timestamp as _ingested_at
         from ${STAGED}`,
        ['landing/olist/warm-up.csv', '2018-01-01 00:00:00'],
      ),
    () =>
      engine.query(
        `select (rowid // 1000000)::integer as f, count(*)::bigint as n,
                cast(min(customer_id) as varchar) as min0, cast(max(customer_id) as varchar) as max0,
                (count(*) - count(customer_id))::bigint as nulls0,
                cast(min(_ingested_at) as varchar) as min1, cast(max(_ingested_at) as varchar) as max1
         from ${ROWS} group by f order by f`,
      ),
    async () =>
      parquet.write(await engine.queryArrow(`select * from ${ROWS} where rowid >= 0 and rowid < 1000000`)),
    () => engine.query(`select count(*)::integer as n from duckdb_tables() where comment = ?`, ['warm-up']),
    () =>
      engine.exec(
        `create or replace temp table ${MODEL} as
         with ranked as (
           select *, row_number() over (partition by customer_id order by _ingested_at desc, _source_file desc) as rn
           from ${ROWS}
         ),
         typed as (
           select customer_id, zip_text, try_cast(zip_text as integer) as zip, upper(customer_state) as state,
                  lower(strip_accents(trim(customer_city))) as city, cast(_ingested_at as date) as day,
                  cast(try_cast(zip_text as double) as decimal(18, 2)) as amount
           from ranked where rn = 1
         )
         select typed.*, coalesce(counts.n, 0) as deliveries
         from typed
         left join (select customer_id, count(*) as n, sum(length(zip_text)) as s from ${ROWS} group by customer_id) as counts
           on counts.customer_id = typed.customer_id`,
      ),
    () => engine.query(`describe select * from ${MODEL}`),
    () => checkRows(engine, quoteIdent(MODEL), CHECKS),
  ];
  try {
    for (const step of steps) {
      if (stop()) return;
      await step();
    }
  } finally {
    for (const table of [MODEL, ROWS]) await engine.exec(`drop table if exists ${quoteIdent(table)}`);
    await engine.exec(`drop table if exists ${STAGED}`);
  }
}

/**
 * Run `work` — a job in a worker that this worker started, which reports progress — with the
 * engine warmed up beside it: the warm-up begins at the job's first report (`started`), not
 * before, and is asked to stop once the job settles. Why not at once: a worker started from
 * this worker loads its script through this worker's thread, which the warm-up's DuckDB
 * statements (synchronous) hold. Started together, "Run demo"'s generator began 616 ms after
 * the request, the warm-up having ended at 598 ms.
 */
export async function whileWarmingUp<T>(
  work: (started: () => void) => Promise<T>,
  warmUp: (stop: () => boolean) => Promise<void>,
): Promise<T> {
  let settled = false;
  let warming = false;
  const started = () => {
    if (warming || settled) return;
    warming = true;
    void warmUp(() => settled).catch((error: unknown) => console.warn('The engine warm-up stopped:', error));
  };
  try {
    return await work(started);
  } finally {
    settled = true;
  }
}
