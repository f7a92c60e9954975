import type { CommitResult, LakeApi } from '../../lake/lake-api';
import type { ModelStore, OutputCommit, OutputWrite, PipelineSql } from '../model-store';

/**
 * The pipeline's store in the app: every table a Delta table of the lake, each commit a version in
 * its log (DESCRIBE HISTORY shows the pipeline's WRITE and MERGE commits), loaded into DuckDB as
 * `layer.name` by the lake.
 */
export class LakeModelStore implements ModelStore {
  constructor(
    private readonly lake: LakeApi,
    readonly sql: PipelineSql,
  ) {}

  latestVersion(table: string): Promise<number> {
    return this.lake.latestVersion(table);
  }

  ensureLoaded(table: string): Promise<number> {
    return this.lake.ensureLoaded(table);
  }

  async write(table: string, output: OutputWrite): Promise<OutputCommit> {
    let commit: CommitResult;
    if (output.mode === 'merge') {
      commit = await this.lake.merge(table, {
        sourceSql: output.sql,
        params: output.params,
        keys: output.keys,
        whenMatched: output.whenMatched,
        deleteNotMatchedBySource: output.deleteNotMatchedBySource,
        partitionBy: output.partitionBy,
        adoptTable: output.adoptTable,
      });
    } else {
      commit = await this.lake.write(table, {
        sql: output.sql,
        params: output.params,
        mode: output.mode,
        partitionBy: output.partitionBy,
        adoptTable: output.adoptTable,
      });
    }
    return { version: commit.version, skipped: commit.skipped ?? false };
  }
}
