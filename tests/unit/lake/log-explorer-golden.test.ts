import { beforeAll, describe, expect, it } from 'vitest';
import { liveAt } from '../../../src/lake/explore/file-history';
import { EXPECTED } from './golden-expected';
import { GOLDEN_TABLES, goldenStorage, lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;

beforeAll(async () => {
  fx = await lakeFixture({ storage: goldenStorage() });
});

/**
 * The explorer reads any Delta table the lake can read, not only the ones it wrote: the golden
 * tables written by Spark, Databricks and delta-rs (as external.* tables are) — checkpoints, column
 * mapping, deletion vectors, partitions, tables whose first commit has no schema.
 */
describe('the transaction-log explorer over the golden tables written elsewhere', () => {
  for (const [table, folder] of Object.entries(GOLDEN_TABLES)) {
    const want = EXPECTED[folder];
    it(`${folder}: the timeline, each version's actions and the files live at each version match the log`, async () => {
      const timeline = await fx.lake.timeline(table);
      const versions = Object.keys(want.versions).map(Number);
      expect(timeline.at(-1)?.version).toBe(want.latestVersion);
      const history = await fx.lake.fileHistory(table);
      expect(history.latestVersion).toBe(want.latestVersion);
      for (const version of versions) {
        const entry = timeline.find((t) => t.version === version);
        // A version before the oldest commit left in the log is in a checkpoint, not the timeline.
        if (entry) {
          expect(entry.operation, `operation of version ${version}`).toBe(want.versions[version].operation);
          const actions = await fx.lake.commitActions(table, version);
          expect(actions.actions.length, `actions of version ${version}`).toBeGreaterThan(0);
          expect(actions.raw.split('\n').filter(Boolean)).toHaveLength(actions.actions.length);
        }
        const live = history.files.filter((f) => liveAt(f, version)).map((f) => f.path);
        const files = (await fx.lake.files(table, { version })).map((f) => f.path);
        expect(live.sort(), `files live at version ${version}`).toEqual(files.sort());
        expect(live, `files of version ${version}`).toHaveLength(want.versions[version].files);
      }
      // Every file the latest version reads is stored; the boxes' stats come from the log.
      const latest = history.files.filter((f) => liveAt(f, want.latestVersion));
      expect(latest.every((f) => f.present)).toBe(true);
      // Data skipping can be asked about any column with stats.
      if (latest.length && history.columns.length) {
        const plan = await fx.lake.explainScan(table, `${history.columns[0].name} is not null`);
        expect(plan.read.length + plan.skipped.length).toBe(latest.length);
      }
    });
  }
});
