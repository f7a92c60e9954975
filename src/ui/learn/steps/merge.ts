import type { TimelineEntry } from '../../../lake/explore/explore-types';
import { NO_FAULTS } from '../../../sources/simulator/catalog';
import type { LearnStep } from '../step-types';
import MergeView from './MergeEffect.svelte';

const BRONZE = 'bronze.events';
const SILVER = 'silver.events';

/** Late and duplicate events merged into silver.events. */
export interface MergeEffect {
  batches: string[];
  bronzeRows: number;
  duplicates: number;
  lateEvents: number;
  versions: { bronzeBefore: number; silverBefore: number; silverAfter: number };
  metrics: Record<string, number>;
  /** Date partitions the MERGE wrote files into, oldest first, with how many of the new events each got. */
  partitions: { date: string; events: number; late: number }[];
  timeline: TimelineEntry[];
}

// The two batches' rows: `?` twice, the first and the second batch.
const BATCH_FACTS = `with batch as (
  select * from ${BRONZE} where _source_file in (?, ?)
)
select count(*)::bigint as n,
       (count(*) - count(distinct event_id))::bigint as duplicates
from batch`;

// A late event arrived in the second batch although the first already held later events
// (ISO-8601 UTC text compares as time). Parameters: first batch, second batch, first batch.
const PARTITIONS = `with batch as (
  select event_id, event_ts, _source_file from ${BRONZE} where _source_file in (?, ?)
),
late as (
  select distinct event_id from batch
  where _source_file = ? and event_ts < (select max(event_ts) from batch where _source_file = ?)
)
select s.event_date::varchar as date,
       count(*)::bigint as events,
       count(*) filter (where s.event_id in (select event_id from late))::bigint as late
from ${SILVER} as s
where s.event_id in (select event_id from batch)
group by s.event_date
order by s.event_date`;

/** Step 4: MERGE takes late and duplicate events, and says what it did. */
export const mergeStep: LearnStep<MergeEffect> = {
  id: 'merge',
  title: 'MERGE: late and duplicate events',
  paragraphs: [
    'A clickstream is messy: the same event is delivered twice, and some arrive days late. `silver.events` takes each new Bronze batch with a MERGE on `event_id`: an id it has never seen is inserted, one it already holds changes nothing, and a late event lands in its own date’s partition.',
    '“Try it” brings the pipeline up to date, makes the simulator send two batches with duplicates and late arrivals, then runs the pipeline again. The MERGE’s metrics and its new version appear in the log.',
  ],
  operation: `MERGE INTO ${SILVER} AS t\nUSING (new rows of ${BRONZE}, typed and deduplicated) AS s\nON t.event_id = s.event_id\nWHEN NOT MATCHED THEN INSERT *`,
  tryLabel: 'Send late and duplicate events, then run the pipeline',
  resetLabel: 'Reset: RESTORE bronze.events and silver.events to the versions before',
  consoleSql: `describe history ${SILVER}`,
  async tryIt(context) {
    await context.ensureDemo();
    // Catch up first (a batch of step 3, say), so the MERGE below takes only the new batches.
    await context.runPipeline();
    const bronzeBefore = await context.latestVersion(BRONZE);
    const silverBefore = await context.latestVersion(SILVER);
    context.say('Learn: the simulator sends late and duplicate events…');
    const summary = await context.engine.sources.simulateEvents({
      batches: 2,
      eventsPerBatch: 300,
      seed: Date.now() % 100_000,
      faults: { ...NO_FAULTS, duplicateRate: 0.05, lateRate: 0.08 },
    });
    const batches = summary.simulation.batches.map((b) => b.path);
    await context.runPipeline();
    const [first, second = first] = batches;
    const [facts] = await context.rows<{ n: number; duplicates: number }>(BATCH_FACTS, [first, second]);
    const partitions = await context.rows<{ date: string; events: number; late: number }>(PARTITIONS, [
      first,
      second,
      second,
      first,
    ]);
    const timeline = await context.timeline(SILVER);
    const silverAfter = timeline.at(-1)?.version ?? silverBefore;
    return {
      batches,
      bronzeRows: Number(facts?.n ?? 0),
      duplicates: Number(facts?.duplicates ?? 0),
      lateEvents: partitions.reduce((sum, p) => sum + Number(p.late), 0),
      versions: { bronzeBefore, silverBefore, silverAfter },
      metrics: timeline.find((t) => t.version === silverAfter)?.operationMetrics ?? {},
      partitions: partitions.map((p) => ({ date: p.date, events: Number(p.events), late: Number(p.late) })),
      timeline,
    };
  },
  restorePoints: (effect) => ({
    [SILVER]: effect.versions.silverBefore,
    [BRONZE]: effect.versions.bronzeBefore,
  }),
  view: MergeView,
};
