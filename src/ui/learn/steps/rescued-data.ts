import type { TimelineEntry } from '../../../lake/explore/explore-types';
import { NO_FAULTS } from '../../../sources/simulator/catalog';
import type { LearnStep } from '../step-types';
import RescuedDataView from './RescuedDataEffect.svelte';

const TABLE = 'bronze.events';

/** A batch with a field Bronze does not know, and where its value went. */
export interface RescuedDataEffect {
  batchPath: string;
  lines: number;
  rowsAdded: number;
  rescuedRows: number;
  /** One event as it arrived (its JSON line) and as Bronze keeps it. */
  rawLine: string;
  row: Record<string, unknown>;
  versionBefore: number;
  versionAfter: number;
  timeline: TimelineEntry[];
}

const ROWS_OF_BATCH = `select count(*)::bigint as n, count(_rescued_data)::bigint as rescued
from ${TABLE}
where _source_file = ?`;

const ONE_RESCUED = `select event_id, event_type, event_ts, session_id, _source_file, _rescued_data
from ${TABLE}
where _source_file = ? and _rescued_data like '%app_version%'
order by event_ts, event_id
limit 1`;

/** Step 3: schema drift lands in `_rescued_data`, nothing dropped. */
export const rescuedDataStep: LearnStep<RescuedDataEffect> = {
  id: 'rescued-data',
  title: 'Schema drift and rescued data',
  paragraphs: [
    'Sources change without asking. A new app release starts sending a field Bronze has no column for. Dropping it loses data; failing stops the whole pipeline. Bronze does neither: the value goes into `_rescued_data`, a JSON object per row, as Databricks Auto Loader does.',
    '“Try it” makes the clickstream simulator send a batch of about 300 events (the last one of a run also finishes the visit in progress) that carry a new field, `app_version`, and ingests it into `bronze.events`.',
  ],
  operation:
    'Simulate 1 batch of ~300 events with a new field app_version (Sources → Clickstream), then ingest it into bronze.events',
  tryLabel: 'Send a batch with a new field',
  resetLabel: 'Reset: RESTORE bronze.events to the version before',
  consoleSql: `select _rescued_data, count(*) as events\nfrom ${TABLE}\nwhere _rescued_data is not null\ngroup by all\norder by events desc\nlimit 20`,
  async tryIt(context) {
    await context.ensureDemo();
    const versionBefore = await context.latestVersion(TABLE);
    context.say('Learn: the simulator sends a batch with a new field…');
    const summary = await context.engine.sources.simulateEvents({
      batches: 1,
      eventsPerBatch: 300,
      seed: Date.now() % 100_000,
      faults: { ...NO_FAULTS, newFieldFromBatch: 1 },
    });
    const batch = summary.simulation.batches[0];
    const [counts] = await context.rows<{ n: number; rescued: number }>(ROWS_OF_BATCH, [batch.path]);
    const [row] = await context.rows(ONE_RESCUED, [batch.path]);
    const line = Number((JSON.parse(String(row?._rescued_data ?? '{}')) as { _line?: number })._line ?? 0);
    const text = new TextDecoder().decode(await context.engine.sources.readLanded(batch.path));
    return {
      batchPath: batch.path,
      lines: batch.lines,
      rowsAdded: Number(counts?.n ?? 0),
      rescuedRows: Number(counts?.rescued ?? 0),
      rawLine: text.split('\n')[line - 1] ?? '',
      row: row ?? {},
      versionBefore,
      versionAfter: await context.latestVersion(TABLE),
      timeline: await context.timeline(TABLE),
    };
  },
  restorePoints: (effect) => ({ [TABLE]: effect.versionBefore }),
  view: RescuedDataView,
};
