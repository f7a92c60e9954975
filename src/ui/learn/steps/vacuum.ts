import type { FileHistory } from '../../../lake/explore/explore-types';
import type { LearnStep } from '../step-types';
import { LOOKUP_TABLE, ensureLookupTable } from './lookup-table';
import { optimizeStep } from './optimize';
import VacuumView from './VacuumEffect.svelte';
import { errorMessage } from '../../../engine/error-message';

/** VACUUM refused, forced, and what it did to the files and to time travel. */
export interface VacuumEffect {
  refusal: string;
  dryRun: string[];
  deleted: string[];
  before: FileHistory;
  after: FileHistory;
  oldVersion: number;
  timeTravelError: string;
  sql: { refused: string; dryRun: string; forced: string; timeTravel: string };
}

const SQL = {
  refused: `VACUUM ${LOOKUP_TABLE} RETAIN 0 HOURS DRY RUN`,
  dryRun: `VACUUM ${LOOKUP_TABLE} RETAIN 0 HOURS DRY RUN FORCE`,
  forced: `VACUUM ${LOOKUP_TABLE} RETAIN 0 HOURS FORCE`,
  timeTravel: `SELECT count(*) FROM ${LOOKUP_TABLE} VERSION AS OF 0`,
};

/** The message of a failed call, or '' when it succeeded. */
async function failureOf(job: Promise<unknown>): Promise<string> {
  try {
    await job;
    return '';
  } catch (error) {
    return errorMessage(error);
  }
}

/** Step 8: VACUUM deletes the files old versions need. */
export const vacuumStep: LearnStep<VacuumEffect> = {
  id: 'vacuum',
  title: 'VACUUM: old files and the end of time travel',
  paragraphs: [
    'Old versions keep their files, so time travel works: the grey boxes of the last step are still in storage. `VACUUM` deletes the files no version inside the retention window (168 hours by default) still reads, and files left behind by an interrupted write. `DRY RUN` lists them first.',
    'A shorter retention is refused unless forced, because it breaks time travel to the versions whose files it deletes. “Try it” asks without forcing, then forces a zero-hour retention on `learn.orders_by_customer`, then tries to read its version 0.',
  ],
  operation: `${SQL.refused};\n${SQL.dryRun};\n${SQL.forced};\n${SQL.timeTravel};`,
  tryLabel: 'VACUUM with zero retention',
  resetLabel: `Reset: delete ${LOOKUP_TABLE} (step 7 builds it again)`,
  consoleSql: `describe history ${LOOKUP_TABLE}`,
  async tryIt(context) {
    await ensureLookupTable(context);
    const timeline = await context.timeline(LOOKUP_TABLE);
    if (!timeline.some((t) => t.operation === 'OPTIMIZE')) await optimizeStep.tryIt(context);
    const before = await context.fileHistory(LOOKUP_TABLE);
    const refusal = await failureOf(context.sql(SQL.refused));
    const dryRun = (await context.sql<{ path: string }>(SQL.dryRun)).map((r) => r.path);
    const deleted = (await context.sql<{ path: string }>(SQL.forced)).map((r) => r.path);
    return {
      refusal,
      dryRun,
      deleted,
      before,
      after: await context.fileHistory(LOOKUP_TABLE),
      oldVersion: 0,
      timeTravelError: await failureOf(context.sql(SQL.timeTravel)),
      sql: SQL,
    };
  },
  async reset(context) {
    await context.engine.lake.dropTable(LOOKUP_TABLE);
  },
  view: VacuumView,
};
