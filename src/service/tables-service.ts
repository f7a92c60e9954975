import type { TableProfile } from '../lake/read/column-profile';
import { compareVersions, type VersionDiff } from './compare-versions';
import type { WithDeps } from './service-deps';

/** Interactive: runs between two models of a pipeline run instead of after the whole run. */
const INTERACTIVE = { interactive: true } as const;

/** What the Tables screen asks beyond the lake's listing: a version's schema and stats, a comparison. */
export function createTablesService(withDeps: WithDeps) {
  return {
    /** A version's columns with their types and the Delta statistics of its files (no data file read). */
    profile(table: string, version?: number): Promise<TableProfile> {
      return withDeps(
        ({ lake }) => lake.profile(table, version === undefined ? undefined : { version }),
        INTERACTIVE,
      );
    },

    /**
     * Rows added, removed and (by `key`, when both versions have its columns) changed from version
     * `from` to version `to`, with up to `sample` rows of each.
     */
    compareVersions(request: {
      table: string;
      from: number;
      to: number;
      key?: string[];
      sample?: number;
    }): Promise<VersionDiff> {
      return withDeps(({ lake, engine }) => compareVersions(lake, engine, request), INTERACTIVE);
    },
  };
}
