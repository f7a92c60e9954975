import type { CommitResult, LakeApi } from '../lake/lake-api';
import { optimizeModelTable } from '../pipeline/optimize-model';
import { orderModels, type ModelSelection } from '../pipeline/dag';
import type { ValidationResult } from '../pipeline/quality/expectation-result';
import { readValidationResults } from '../pipeline/quality/read-validation';
import { MODELS } from '../pipeline/registry';
import { runPipelineOnLake } from '../pipeline/run-pipeline';
import { readLatestModelRuns, type LatestModelRun } from '../pipeline/runner/lineage';
import type { ModelProgress, ModelRunStatus, PipelineRunResult } from '../pipeline/runner/run-types';
import { LakeModelStore } from '../pipeline/store/lake-model-store';
import type { ModelDefinition } from '../pipeline/types';
import type { ServiceDeps, WithDeps } from './service-deps';

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

/** What a run covers and in which order it builds. */
export interface PipelineRunRequest {
  /** All models (default), one layer, one model, or a model and everything downstream of it. */
  select?: ModelSelection;
  /** Run the selected models even when nothing they read is new ("Run this model" does). */
  force?: boolean;
  /** Tables to build first, each with what it reads (the tables the Dashboard's first charts read). */
  first?: string[];
}

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

/**
 * The pipeline: run it, list its models, show their latest runs. `between` runs between two
 * models of a run: the engine's queue lets the interactive requests waiting then go first.
 */
export function createPipelineService(
  withDeps: WithDeps,
  lakeOf: (deps: ServiceDeps) => LakeApi,
  between: () => Promise<void> = async () => undefined,
) {
  return {
    /**
     * Run what is new, Bronze -> Gold (or the selection). Resolves when every model has run or was
     * up to date; rejects with `PipelineFailed` ("<model> failed: <why>") when one failed. Between
     * two models, queries waiting in the engine's queue run (a chart reading a table that just
     * landed draws before the run ends).
     */
    run(onProgress?: PipelineProgressCallback, request: PipelineRunRequest = {}): Promise<PipelineRunResult> {
      return withDeps((deps) =>
        runPipelineOnLake(lakeOf(deps), deps.engine, {
          select: request.select,
          force: request.force,
          first: request.first,
          onProgress: onProgress ? (p) => onProgress(lightProgress(p)) : undefined,
          betweenModels: between,
        }),
      );
    },

    /** Every model with its SQL and declaration, in run order. */
    async models(): Promise<ModelDefinition[]> {
      return orderModels(MODELS);
    },

    /** A run's data quality results as Great Expectations validation results (the latest run by default). */
    validation(runId?: string): Promise<ValidationResult[]> {
      return withDeps((deps) => readValidationResults(new LakeModelStore(lakeOf(deps), deps.engine), runId), {
        interactive: true,
      });
    },

    /** OPTIMIZE a model's table, Z-ordered by its declared columns. */
    optimize(table: string): Promise<CommitResult> {
      return withDeps((deps) => optimizeModelTable(lakeOf(deps), table));
    },

    /** The latest recorded run of each model. */
    latestRuns(): Promise<LatestModelRun[]> {
      return withDeps((deps) => readLatestModelRuns(new LakeModelStore(lakeOf(deps), deps.engine)), {
        interactive: true,
      });
    },
  };
}
