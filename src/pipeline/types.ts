import type { Expectation } from './quality/expectation-types';

/** The Medallion layers a model can write to. */
export type ModelLayer = 'silver' | 'gold';

/** How a model's rows are committed to its table. */
export type ModelWrite =
  /** Replace the whole table with the model's rows. */
  | { mode: 'overwrite' }
  /** Add the model's rows to the table. */
  | { mode: 'append' }
  /**
   * MERGE by key: matched rows are updated (or left alone with `whenMatched: 'ignore'`), new keys
   * inserted; with `deleteNotMatchedBySource` a key the model no longer produces is deleted.
   */
  | {
      mode: 'merge';
      keys: string[];
      whenMatched?: 'update' | 'ignore';
      deleteNotMatchedBySource?: boolean;
    };

/** One SQL model of the pipeline and its contract: what it reads, how it writes, what it checks. */
export interface ModelDefinition {
  /** The table it writes, `layer.name`. */
  name: string;
  layer: ModelLayer;
  /** One sentence stating the grain, e.g. "one row per order_id". */
  grain: string;
  /** The model's SELECT (a `.sql` file loaded with `?raw`). */
  sql: string;
  /**
   * Every table the SQL reads, `layer.name`: the model runs after the models that write them.
   * `defineModel` (model-reads.ts) takes it from the SQL, so it cannot drift from what runs.
   */
  inputs: string[];
  /**
   * Tables only its `warn` expectations read (a relationship, an `exists`; `defineModel` takes
   * them from the expectations): the run order does not
   * wait for their models. A check that reads one runs once the table is built in the run, against
   * the committed rows; a new version of such a table alone does not make the model due.
   */
  checkInputs?: string[];
  write: ModelWrite;
  /** Partition columns, used when the table is created. */
  partitionBy?: string[];
  /** Columns a selective query filters on: the table's OPTIMIZE ZORDER BY columns. */
  zorderBy?: string[];
  /**
   * An incremental model reads only the rows of `input` newer than it has read before: its SQL
   * holds two `?`: the first bound to the highest `column` value of its last successful run's
   * output (NULL on the first run, when its definition changed or its table is gone, and when rows
   * arrived below the watermark, e.g. after a clock was set back: then it reads everything again),
   * the second to the highest value this run reads (NULL: no bound). A run with more new rows than
   * WATERMARK_CHUNK_ROWS goes in parts of consecutive values, each committed before the next
   * (`runner/watermark-chunks.ts`), so its SQL must give the same table whether the rows come in
   * one part or several (silver.events: first delivery wins, and the MERGE ignores known ids).
   */
  watermark?: { column: string; input: string };
  /** Checks run on the model's rows before they are committed. */
  expectations: Expectation[];
}
