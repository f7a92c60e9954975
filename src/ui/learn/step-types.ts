import type { Component } from 'svelte';
import type { Row, SqlValue } from '../../engine/types';
import type { FileHistory, SkippingPlan, TimelineEntry } from '../../lake/explore/explore-types';
import type { PipelineRunResult } from '../../pipeline/runner/run-types';
import type { IngestFileReport } from '../../sources/ingest/ingest-report';
import type { EngineClient } from '../engine-client';

/** What a step's "Try it" and "Reset this step" may do to the learner's lakehouse. */
export interface StepContext {
  engine: EngineClient;
  /** Run the demo first when the lakehouse has no Gold tables yet. */
  ensureDemo(): Promise<void>;
  /** A SELECT over lake tables with its values bound as parameters. */
  rows<T = Row>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /** Console SQL (Delta's statements too: OPTIMIZE, VACUUM, RESTORE, time travel). */
  sql<T = Row>(sql: string): Promise<T[]>;
  /** Run the pipeline as the Pipeline screen does; rejects with the failing model's reason. */
  runPipeline(): Promise<PipelineRunResult>;
  /** Upload files as the Sources screen's input does. */
  ingest(files: File[]): Promise<IngestFileReport[]>;
  timeline(table: string): Promise<TimelineEntry[]>;
  fileHistory(table: string): Promise<FileHistory>;
  explain(table: string, predicate: string, version?: number): Promise<SkippingPlan>;
  latestVersion(table: string): Promise<number>;
  /** Say what the step is doing (the status region). */
  say(message: string): void;
}

/** One step of the walkthrough: words, the operation, what "Try it" does, and how its effect is drawn. */
export interface LearnStep<Effect = unknown> {
  id: string;
  title: string;
  /** Paragraphs; `code` spans between backticks. */
  paragraphs: string[];
  /** The SQL or operation "Try it" runs, as the learner could type it. */
  operation: string;
  tryLabel: string;
  /** Do it on the learner's lakehouse; resolves with what to draw. */
  tryIt(context: StepContext): Promise<Effect>;
  /**
   * The tables "Try it" changes and the versions "Reset this step" RESTOREs them to (kept with the
   * progress, so a reset works after a reload too).
   */
  restorePoints?(effect: Effect): Record<string, number>;
  /** Run the pipeline after restoring, so Silver and Gold follow Bronze back. */
  rerunAfterReset?: boolean;
  /** A reset of its own instead of restoring (e.g. deleting the step's own table). */
  reset?(context: StepContext): Promise<void>;
  /** What "Reset this step" does, in words; absent when the step changes nothing. */
  resetLabel?: string;
  /** A query to go on with in the SQL console. */
  consoleSql?: string;
  /** Draws the effect, before → after. */
  view: Component<{ effect: Effect }>;
}

/** A step of any effect type, for lists of steps. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each step has its own effect type
export type AnyStep = LearnStep<any>;
