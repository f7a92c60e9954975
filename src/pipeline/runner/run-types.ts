import type { ExpectationResult } from '../quality/expectation-result';
import type { ModelLayer } from '../types';

/** How a model fared in a run. */
export type ModelRunStatus =
  /** It ran and its output was committed. */
  | 'success'
  /** Its SQL failed, or an expectation with action fail did: nothing committed. */
  | 'failed'
  /** It was due but a model it reads failed, so it did not run. */
  | 'skipped'
  /** No input has a version newer than the one it last read: nothing to do. */
  | 'up_to_date';

/** One model in one run: the lineage row of `meta.model_runs` and what its checks found. */
export interface ModelRunResult {
  model: string;
  layer: ModelLayer;
  status: ModelRunStatus;
  /** `YYYY-MM-DD HH:MM:SS.mmm`, zone-less UTC. */
  startedAt: string;
  elapsedMs: number;
  /** Version of each input it read (-1: a Bronze table that does not exist yet, read as empty). */
  inputVersions: Record<string, number>;
  /** Version of its table after the run (null when nothing was committed). */
  outputVersion: number | null;
  rowsIn: number;
  rowsOut: number;
  rowsDropped: number;
  rowsQuarantined: number;
  expectations: ExpectationResult[];
  /** An incremental model's highest watermark value read so far (text), null when none. */
  watermark?: string | null;
  /** Rows of the watermark's input at or below the watermark when the run ended. */
  watermarkRows?: number | null;
  /** Where a run's time went: loading inputs, building the rows, checks and actions, the commit. */
  phaseMs?: { load: number; build: number; check: number; commit: number };
  /** Why it failed, or which model's failure skipped it. */
  error?: string;
}

/** What a pipeline run did. */
export interface PipelineRunResult {
  runId: string;
  startedAt: string;
  elapsedMs: number;
  /** failed when any model failed; up_to_date when no model had anything new. */
  status: 'success' | 'failed' | 'up_to_date';
  /** Every selected model, in run order. */
  models: ModelRunResult[];
  /** The first model that failed, and why. */
  failure?: { model: string; reason: string };
}

/** Sent when a model starts and when it ends. */
export interface ModelProgress {
  runId: string;
  model: string;
  /** 1-based position in the run. */
  index: number;
  total: number;
  status: 'running' | ModelRunStatus;
  result?: ModelRunResult;
}

/** Receives progress, model by model. */
export type ModelProgressCallback = (progress: ModelProgress) => void;
