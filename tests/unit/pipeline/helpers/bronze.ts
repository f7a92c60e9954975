import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDbEngine } from '../../../../src/engine/duckdb-engine';
import { quoteIdent } from '../../../../src/engine/sql-quote';
import { BRONZE_SOURCE_COLUMNS } from '../../../../src/pipeline/bronze-tables';
import type { LakeApi } from '../../../../src/lake/lake-api';
import type { ModelStore } from '../../../../src/pipeline/model-store';
import { stageEventBatches } from '../../../../src/sources/events/stage-events';
import { DEMO_FAULTS, type SimulatorPosition } from '../../../../src/sources/simulator/catalog';
import { readCatalog } from '../../../../src/sources/simulator/read-catalog';
import { ClickstreamSimulator } from '../../../../src/sources/simulator/simulator';
import { generateOlist } from '../../../../src/sources/generator/olist-generator';
import { stageOlistCsv } from '../../../../src/sources/ingest/stage-olist-csv';

/** The real Olist sample files, read-only. */
export const SAMPLE_DIR = join(import.meta.dirname, '../../../fixtures/olist-sample');

/** Which sample file feeds which Bronze table. */
export const SAMPLE_FILES: Record<string, string> = {
  'bronze.olist_orders': 'olist_orders_dataset.csv',
  'bronze.olist_order_items': 'olist_order_items_dataset.csv',
  'bronze.olist_order_payments': 'olist_order_payments_dataset.csv',
  'bronze.olist_order_reviews': 'olist_order_reviews_dataset.csv',
  'bronze.olist_customers': 'olist_customers_dataset.csv',
  'bronze.olist_products': 'olist_products_dataset.csv',
  'bronze.olist_sellers': 'olist_sellers_dataset.csv',
  'bronze.olist_geolocation': 'olist_geolocation_dataset.csv',
  'bronze.olist_category_translation': 'product_category_name_translation.csv',
};

/** A batch of Bronze rows as one ingested file would append them. */
export interface BronzeBatch {
  table: string;
  file: string;
  /** `YYYY-MM-DD HH:MM:SS`. */
  ingestedAt: string;
  rows: Array<Record<string, string | null>>;
}

/** Append rows to a Bronze table through the store, with the three ingestion columns (VALUES). */
export async function appendBronze(store: ModelStore, batch: BronzeBatch): Promise<number> {
  const columns = BRONZE_SOURCE_COLUMNS[batch.table];
  const names = [...columns, '_source_file', '_ingested_at', '_rescued_data'].map(quoteIdent).join(', ');
  const casts = [...columns.map(() => '?::varchar'), '?::varchar', '?::timestamp', 'null::varchar'].join(
    ', ',
  );
  const tuples = batch.rows.map(() => `(${casts})`).join(', ');
  const params = batch.rows.flatMap((row) => [
    ...columns.map((c) => row[c] ?? null),
    batch.file,
    batch.ingestedAt,
  ]);
  const { version } = await store.write(batch.table, {
    mode: 'append',
    sql: `select * from (values ${tuples}) as v(${names})`,
    params,
  });
  return version;
}

/** Load one real sample CSV into its Bronze table with the sources' own CSV staging; returns its rows. */
export async function loadSampleFile(
  engine: DuckDbEngine,
  store: ModelStore,
  table: string,
  ingestedAt = '2024-01-01 00:00:00',
): Promise<number> {
  const file = SAMPLE_FILES[table];
  const staging = `raw_${table.replace('.', '_')}`;
  const staged = await stageOlistCsv(engine, file, readFileSync(join(SAMPLE_DIR, file)), staging);
  await store.write(table, {
    mode: 'append',
    sql: `select * exclude (_rescued_data), ?::varchar as _source_file, ?::timestamp as _ingested_at, _rescued_data
          from ${quoteIdent(staging)}`,
    params: [file, ingestedAt],
  });
  await engine.exec(`drop table ${quoteIdent(staging)}`);
  return staged.rows;
}

/** Generate the Olist files at a scale with the sources' generator and load each into Bronze. */
export async function loadGenerated(
  engine: DuckDbEngine,
  store: ModelStore,
  options: { scale: number; seed: number | string },
  ingestedAt = '2024-01-01 00:00:00',
): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const file of generateOlist(options)) {
    const staged = await stageOlistCsv(engine, file.name, file.bytes, 'raw_generated');
    await store.write(staged.spec.table, {
      mode: 'append',
      sql: `select * exclude (_rescued_data), ?::varchar as _source_file, ?::timestamp as _ingested_at, _rescued_data
            from raw_generated`,
      params: [file.name, ingestedAt],
    });
    await engine.exec('drop table raw_generated');
    rows[staged.spec.table] = staged.rows;
  }
  return rows;
}

let ingestions = 0;
/** A later ingestion time on every call, as a real clock gives. */
function nextIngestionTime(): string {
  ingestions += 1;
  return new Date(Date.UTC(2024, 0, 2) + ingestions * 1000).toISOString().replace('T', ' ').slice(0, 19);
}

/** Simulate clickstream batches over the Olist data in Bronze and append each to bronze.events. */
export async function loadSimulatedEvents(
  engine: DuckDbEngine,
  lake: LakeApi,
  store: ModelStore,
  options: {
    batches: number;
    eventsPerBatch: number;
    seed: number;
    firstBatch?: number;
    start?: SimulatorPosition;
  },
): Promise<{ events: number; position: SimulatorPosition }> {
  const simulator = new ClickstreamSimulator(
    await readCatalog(lake, engine),
    options.seed,
    DEMO_FAULTS,
    options.start ?? { clock: 0, nextOrder: 0 },
  );
  let events = 0;
  for (let b = 0; b < options.batches; b++) {
    const batch = simulator.nextBatch(options.eventsPerBatch, b === options.batches - 1);
    const path = `landing/events/batch-${String((options.firstBatch ?? 1) + b).padStart(6, '0')}.jsonl`;
    const staged = await stageEventBatches(engine, [{ path, bytes: batch.bytes }], 'raw_events');
    await store.write('bronze.events', {
      mode: 'append',
      sql: `select * exclude (_source_file, _rescued_data), _source_file, ?::timestamp as _ingested_at, _rescued_data
            from raw_events`,
      params: [nextIngestionTime()],
    });
    await engine.exec('drop table raw_events');
    events += staged.rows;
  }
  return { events, position: simulator.position };
}
