import type { ScreenId } from '../shell/routes';

/** One thing a lesson lets the learner do: open a query in the console, or go to a screen. */
export type LessonAction = { label: string; sql: string } | { label: string; screen: ScreenId };

/** One step of the guided walkthrough. */
export interface Lesson {
  id: string;
  title: string;
  /** Paragraphs; `code` spans are written between backticks. */
  paragraphs: string[];
  actions: LessonAction[];
}

/** The walkthrough, in order: from an empty lakehouse to Gold, then the Delta features. */
export const LESSONS: Lesson[] = [
  {
    id: 'start',
    title: 'A lakehouse in one tab',
    paragraphs: [
      'A lakehouse keeps data as open files (Parquet) plus a transaction log that turns a folder of files into a table with versions. Here every table lives in your browser’s private file system (OPFS) and DuckDB, compiled to WebAssembly, runs the SQL in a background worker. Nothing leaves your machine.',
      'Data flows through three layers, the Medallion architecture: Bronze keeps what arrived, as it arrived; Silver types, cleans and deduplicates it; Gold turns it into business metrics.',
      'Start with data: the demo generates an Olist-shaped shop and a clickstream, or you can drop the real Olist files from Kaggle.',
    ],
    actions: [{ label: 'Go to Sources', screen: 'sources' }],
  },
  {
    id: 'bronze',
    title: 'Bronze: keep everything, lose nothing',
    paragraphs: [
      'Every file first lands in `landing/`, untouched. Bronze then appends its rows with every value as text, plus `_source_file`, `_ingested_at` and `_rescued_data`: whatever did not fit the expected shape (an extra field, a malformed value) is kept there instead of being dropped, as Databricks Auto Loader does.',
      'Ingestion is exactly-once: the Bronze commit itself records which landing files it read, so uploading the same file twice adds nothing, even after a reload.',
    ],
    actions: [
      {
        label: 'Rows per source file',
        sql: 'select _source_file, count(*) as rows, count(_rescued_data) as rescued\nfrom bronze.olist_orders\ngroup by all\norder by _source_file',
      },
      {
        label: 'Events that needed rescuing',
        sql: 'select _rescued_data, count(*) as events\nfrom bronze.events\nwhere _rescued_data is not null\ngroup by all\norder by events desc\nlimit 20',
      },
    ],
  },
  {
    id: 'silver',
    title: 'Silver: types, cleaning, one row per key',
    paragraphs: [
      'Silver casts text to proper types (money as DECIMAL(18,2), so sums are exact), trims and normalises text, pads zip prefixes to five characters, translates categories, and keeps one row per key when Bronze holds several versions of the same order.',
      'Each model is one SQL file you can read on the Pipeline screen, with its grain stated at the top and its data-quality expectations beside it.',
    ],
    actions: [
      { label: 'Describe silver.orders', sql: 'describe silver.orders' },
      {
        label: 'Orders by status',
        sql: 'select order_status, count(*) as orders\nfrom silver.orders\ngroup by all\norder by orders desc',
      },
      { label: 'Read the models', screen: 'pipeline' },
    ],
  },
  {
    id: 'scd2',
    title: 'Slowly changing dimensions (type 2)',
    paragraphs: [
      'Customers move. `silver.dim_customer` keeps every address a customer had: `valid_from` (inclusive) and `valid_to` (exclusive, NULL for the current row) bound each version, and `is_current` marks the latest. An order can then be joined to the address that was true when it was placed.',
    ],
    actions: [
      {
        label: 'Customers who moved',
        sql: 'select *\nfrom silver.dim_customer\nwhere customer_unique_id in (\n  select customer_unique_id from silver.dim_customer group by all having count(*) > 1\n)\norder by customer_unique_id, valid_from\nlimit 50',
      },
    ],
  },
  {
    id: 'gold',
    title: 'Gold: metrics that agree with each other',
    paragraphs: [
      'Gold tables answer business questions: sales per day, categories per month, delivery performance, seller scorecards, RFM segments, lifetime value, cohorts, the funnel, and features for machine learning.',
      'A classic trap: an order has several items and several payments, and joining both to the order multiplies rows. On the real Olist data the naive join inflates revenue by about 27%. Gold aggregates each side to the order first.',
    ],
    actions: [
      {
        label: 'See the fan-out trap',
        sql: 'with naive as (\n  select sum(p.payment_value) as total\n  from silver.order_items i\n  join silver.payments p using (order_id)\n),\ncorrect as (\n  select sum(payment_value) as total from silver.payments\n)\nselect naive.total as naive_join, correct.total as payments,\n       round(naive.total / correct.total - 1, 3) as inflation\nfrom naive, correct',
      },
      { label: 'Open the dashboard', screen: 'dashboard' },
    ],
  },
  {
    id: 'time-travel',
    title: 'Versions and time travel',
    paragraphs: [
      'Every write is a new version in the table’s Delta log. `DESCRIBE HISTORY` lists them with the operation and its metrics; `VERSION AS OF` and `TIMESTAMP AS OF` read the table as it was; `RESTORE` makes an old version current again — as a new version, so nothing is lost.',
    ],
    actions: [
      { label: 'History of silver.orders', sql: 'describe history silver.orders' },
      { label: 'The first version', sql: 'select count(*) as orders\nfrom silver.orders version as of 0' },
      { label: 'Browse tables and versions', screen: 'tables' },
    ],
  },
  {
    id: 'merge',
    title: 'MERGE and incremental runs',
    paragraphs: [
      'New clickstream batches do not rebuild everything. `silver.events` takes them with MERGE on `event_id`: a duplicate delivery updates nothing, a late event lands in its own date partition. The pipeline runs a model only when one of its inputs has a newer version than the one it last read, so a new batch re-runs only what depends on events.',
      'Generate another batch on the Sources screen, run the pipeline, and look at the MERGE metrics in the history.',
    ],
    actions: [
      { label: 'Simulate more events', screen: 'sources' },
      { label: 'History of silver.events', sql: 'describe history silver.events' },
    ],
  },
  {
    id: 'optimize',
    title: 'OPTIMIZE, Z-order and data skipping',
    paragraphs: [
      'Each data file carries min/max statistics per column. A query with a filter reads only the files whose ranges can match. Many small files, or rows in random order, defeat that. `OPTIMIZE` compacts small files; `ZORDER BY` sorts rows along a Z-order curve so each file covers a narrow range of the chosen columns.',
    ],
    actions: [
      {
        label: 'Compact and Z-order customers',
        sql: 'optimize silver.customers zorder by (customer_unique_id)',
      },
      { label: 'See the new version', sql: 'describe history silver.customers' },
    ],
  },
  {
    id: 'vacuum',
    title: 'VACUUM: old files, orphan files',
    paragraphs: [
      'Old versions keep their files so time travel works. `VACUUM` deletes files that no version inside the retention window (default 168 hours) still needs, and files left behind by an interrupted write. `DRY RUN` lists them first. A shorter retention is refused unless forced, because it breaks time travel to older versions.',
    ],
    actions: [{ label: 'What would VACUUM delete?', sql: 'vacuum silver.orders retain 168 hours dry run' }],
  },
  {
    id: 'quality',
    title: 'Data quality',
    paragraphs: [
      'Every model declares expectations: not null, unique, accepted values, relationships, ranges, row counts. Each has an action: warn, drop the row, quarantine it with the reason, or fail the model so nothing downstream runs and the previous version stays. The real Olist data has known faults — orders without items, a delivered order without a payment, review ids shared by orders — and they show up as findings, not crashes.',
    ],
    actions: [{ label: 'Open the quality report', screen: 'quality' }],
  },
];
