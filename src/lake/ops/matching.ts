import type { SqlValue } from '../../engine/types';
import type { AddFile } from '../delta/actions';
import type { Snapshot } from '../delta/snapshot';
import type { LakeContext } from '../context';
import { loadedTableSql, type TableName } from '../names';
import { parsePredicate, type Condition } from '../skipping/predicate';
import { fileMayMatch, pruneContext, type PruneContext } from '../skipping/prune';
import { columnList, fileIdsIn } from './common';

/** Which files of a version hold rows matching a predicate, and how to copy the rows that do not. */
export interface MatchPlan {
  condition: Condition;
  prune: PruneContext;
  /** Files that may match by their stats and partition values (the files this operation reads). */
  candidates: AddFile[];
  /** Files with at least one matching row: they are removed. */
  hitFiles: AddFile[];
  matchedRows: number;
  /** Rows of the hit files that do not match: they are copied into new files. */
  copiedRows: number;
  /** SELECT of the rows to copy, from the loaded table. */
  copy: { sql: string; params: SqlValue[] };
}

/**
 * Find the files a predicate touches, reading only the files whose stats may match. The table must
 * be loaded at `snapshot` (the loaded rows know their file).
 */
export async function matchFiles(
  context: LakeContext,
  table: TableName,
  snapshot: Snapshot,
  predicate: string,
  params: SqlValue[],
): Promise<MatchPlan> {
  const condition = parsePredicate(predicate, params);
  const prune = pruneContext(snapshot.schema, snapshot.metadata.partitionColumns);
  const candidates = [...snapshot.files.values()].filter((file) => fileMayMatch(condition, file, prune));
  const ids = context.cache.fileIds(table);
  const byId = new Map(candidates.map((file) => [ids.get(file.path)!, file]));
  const inCandidates = fileIdsIn([...byId.keys()]);
  const counts = await context.engine.query<{ id: number; hit: number; n: number }>(
    `SELECT __lake_file AS id, (count(*) FILTER (WHERE (${predicate})))::BIGINT AS hit, count(*)::BIGINT AS n
     FROM ${loadedTableSql(table)} WHERE ${inCandidates.sql} GROUP BY 1`,
    [...params, ...inCandidates.params],
  );
  const hits = counts.filter((c) => Number(c.hit) > 0);
  const partial = hits.filter((c) => Number(c.hit) < Number(c.n)).map((c) => Number(c.id));
  const inPartial = fileIdsIn(partial);
  return {
    condition,
    prune,
    candidates,
    hitFiles: hits.map((c) => byId.get(Number(c.id))!),
    matchedRows: hits.reduce((sum, c) => sum + Number(c.hit), 0),
    copiedRows: hits.reduce((sum, c) => sum + Number(c.n) - Number(c.hit), 0),
    copy: {
      sql: `SELECT ${columnList(snapshot.schema)} FROM ${loadedTableSql(table)} WHERE ${inPartial.sql} AND ((${predicate}) IS NOT TRUE)`,
      params: [...inPartial.params, ...params],
    },
  };
}
