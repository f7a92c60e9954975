import { LakehouseError } from '../engine/errors';
import type { CommitResult, LakeApi } from '../lake/lake-api';
import { MODELS } from './registry';

/**
 * OPTIMIZE a model's table, Z-ordered by the columns its declaration names (compaction only when
 * it names none), so selective queries on those columns skip more files. A new version, same rows.
 */
export function optimizeModelTable(lake: LakeApi, table: string): Promise<CommitResult> {
  const model = MODELS.find((m) => m.name === table);
  if (!model) {
    throw new LakehouseError('UnknownModel', `There is no model named ${table}`, {
      known: MODELS.map((m) => m.name),
    });
  }
  return lake.optimize(table, { zorderBy: model.zorderBy ?? [] });
}
