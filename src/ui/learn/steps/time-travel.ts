import type { TimelineEntry } from '../../../lake/explore/explore-types';
import type { LearnStep } from '../step-types';
import TimeTravelView from './TimeTravelEffect.svelte';

const TABLE = 'silver.orders';
const STATUS = 'canceled';

/** The table at three versions: before the delete, after it, after the RESTORE. */
export interface TimeTravelEffect {
  stages: { label: string; version: number; total: number; matching: number; sql: string }[];
  deleted: number;
  timeline: TimelineEntry[];
  versionBefore: number;
}

const COUNT_AT = (version: number) =>
  `select count(*)::bigint as total, count(*) filter (where order_status = '${STATUS}')::bigint as matching\nfrom ${TABLE} version as of ${Math.trunc(version)}`;

/** Step 6: every write is a version; old ones can be read and restored. */
export const timeTravelStep: LearnStep<TimeTravelEffect> = {
  id: 'time-travel',
  title: 'Time travel and RESTORE',
  paragraphs: [
    'Every write is a new version in the table’s Delta log. `VERSION AS OF` and `TIMESTAMP AS OF` read the table as it was; `RESTORE` makes an old version current again — as a new version, so nothing is lost, not even the mistake.',
    '“Try it” deletes the canceled orders from `silver.orders`, compares the two versions, then restores the one before the delete.',
  ],
  operation: `DELETE FROM ${TABLE} WHERE order_status = '${STATUS}';\nSELECT count(*) FROM ${TABLE} VERSION AS OF <before>;\nRESTORE TABLE ${TABLE} TO VERSION AS OF <before>;`,
  tryLabel: 'Delete, compare, restore',
  resetLabel: 'Reset: RESTORE silver.orders to the version before',
  consoleSql: `describe history ${TABLE}`,
  async tryIt(context) {
    await context.ensureDemo();
    const before = await context.latestVersion(TABLE);
    const deleteSql = `delete from ${TABLE} where order_status = '${STATUS}'`;
    const [deleted] = await context.sql<{ num_affected_rows: number; version: number }>(deleteSql);
    const afterDelete = Number(deleted.version);
    const restoreSql = `restore table ${TABLE} to version as of ${before}`;
    await context.sql(restoreSql);
    const restored = await context.latestVersion(TABLE);
    const stages = [];
    for (const [label, version] of [
      ['Before', before],
      ['After the DELETE', afterDelete],
      ['After the RESTORE', restored],
    ] as const) {
      const [counts] = await context.sql<{ total: number; matching: number }>(COUNT_AT(version));
      stages.push({
        label,
        version,
        total: Number(counts.total),
        matching: Number(counts.matching),
        sql: label === 'Before' ? COUNT_AT(version) : label === 'After the DELETE' ? deleteSql : restoreSql,
      });
    }
    return {
      stages,
      deleted: Number(deleted.num_affected_rows),
      timeline: await context.timeline(TABLE),
      versionBefore: before,
    };
  },
  restorePoints: (effect) => ({ [TABLE]: effect.versionBefore }),
  view: TimeTravelView,
};
