import type { CommitResult, LakeApi } from '../lake/lake-api';
import { runLakeSql } from '../lake/sql/run-sql';
import { optimizeModelTable } from '../pipeline/optimize-model';
import { orderModels } from '../pipeline/dag';
import type { ValidationResult } from '../pipeline/quality/expectation-result';
import { readValidationResults } from '../pipeline/quality/read-validation';
import { MODELS } from '../pipeline/registry';
import { runPipelineOnLake } from '../pipeline/run-pipeline';
import { readLatestModelRuns, type LatestModelRun } from '../pipeline/runner/lineage';
import type { ModelProgress, ModelRunStatus, PipelineRunResult } from '../pipeline/runner/run-types';
import { LakeModelStore } from '../pipeline/store/lake-model-store';
import type { ModelDefinition } from '../pipeline/types';
import type { ServiceDeps, WithDeps } from './lakehouse-service';

/** A model's progress as the UI receives it (light: no expectation samples). */
export interface PipelineProgress {
  model: string;
  index: number;
  total: number;
  status: 'running' | ModelRunStatus;
  elapsedMs?: number;
  rowsOut?: number;
  error?: string;
}

/** Receives a pipeline run's progress (through Comlink.proxy across the worker boundary). */
export type PipelineProgressCallback = (progress: PipelineProgress) => void;

/** Queries to run on a table as soon as a run has committed it: table -> key -> SQL. */
export type TableReads = Record<string, Record<string, string>>;

/** Receives the rows of a committed table's reads, by key (through Comlink.proxy). */
export type TableRowsCallback = (table: string, rows: Record<string, Record<string, unknown>[]>) => void;

function lightProgress(p: ModelProgress): PipelineProgress {
  return {
    model: p.model,
    index: p.index,
    total: p.total,
    status: p.status,
    elapsedMs: p.result?.elapsedMs,
    rowsOut: p.result?.rowsOut,
    error: p.result?.error,
  };
}

/** The pipeline: run it, list its models, show their latest runs. */
export function createPipelineService(withDeps: WithDeps, lakeOf: (deps: ServiceDeps) => LakeApi) {
  return {
    /**
     * Run what is new, Bronze -> Gold. Resolves when every model has run or was up to date;
     * rejects with `PipelineFailed` ("<model> failed: <why>") when one failed. As soon as a table
     * of `reads` is committed, its queries run within the run and `onRows` gets their rows (so the
     * Dashboard can draw a chart before the run ends, without a query of its own waiting behind it).
     */
    runPipeline(
      onProgress?: PipelineProgressCallback,
      reads: TableReads = {},
      onRows?: TableRowsCallback,
    ): Promise<PipelineRunResult> {
      return withDeps((deps) =>
        runPipelineOnLake(lakeOf(deps), deps.engine, {
          onProgress: onProgress ? (p) => onProgress(lightProgress(p)) : undefined,
          afterCommit: onRows
            ? async (table) => {
                const queries = Object.entries(reads[table] ?? {});
                if (queries.length === 0) return;
                const rows: Record<string, Record<string, unknown>[]> = {};
                for (const [key, query] of queries)
                  rows[key] = (await runLakeSql(deps.lake, deps.engine, query, 10_000)).rows;
                onRows(table, rows);
              }
            : undefined,
        }),
      );
    },

    /** Every model with its SQL and declaration, in run order. */
    async pipelineModels(): Promise<ModelDefinition[]> {
      return orderModels(MODELS);
    },

    /** A run's data quality results as Great Expectations validation results (the latest run by default). */
    pipelineValidation(runId?: string): Promise<ValidationResult[]> {
      return withDeps((deps) => readValidationResults(new LakeModelStore(lakeOf(deps), deps.engine), runId));
    },

    /** OPTIMIZE a model's table, Z-ordered by its declared columns. */
    optimizeModel(table: string): Promise<CommitResult> {
      return withDeps((deps) => optimizeModelTable(lakeOf(deps), table));
    },

    /** The latest recorded run of each model. */
    pipelineLatestRuns(): Promise<LatestModelRun[]> {
      return withDeps((deps) => readLatestModelRuns(new LakeModelStore(lakeOf(deps), deps.engine)));
    },
  };
}
