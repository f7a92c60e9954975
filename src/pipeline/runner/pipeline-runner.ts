import macrosSql from '../macros.sql?raw';
import { quoteIdent } from '../../engine/sql-quote';
import { orderModels, prioritize, selectModels, type ModelSelection } from '../dag';
import type { ModelStore } from '../model-store';
import { MODELS } from '../registry';
import type { ModelDefinition } from '../types';
import { DeferredChecks, splitExpectations, type ExpectationSplit } from './deferred-checks';
import { isDue } from './incremental';
import { readLastRuns, recordRun, type LastRun } from './lineage';
import { md5Hex } from './md5';
import { runInParts } from './run-in-parts';
import { rowsUpTo } from './run-model';
import type { ModelProgressCallback, ModelRunResult, PipelineRunResult } from './run-types';

/** Options of one pipeline run. */
export interface RunOptions {
  /** Which models: all (default), one layer, one model, or a model and what lies downstream of it. */
  select?: ModelSelection;
  /** Run the selected models even when nothing they read is new. */
  force?: boolean;
  /**
   * Tables to build first, in this order, each with what it reads (e.g. the tables the Dashboard's
   * first charts read, so they can draw long before the run ends); default: the runner's own.
   */
  first?: readonly string[];
  onProgress?: ModelProgressCallback;
  /**
   * Awaited after each model, whatever it did, before the next one starts: a moment for other
   * work to use the engine (the queries of a screen reading a table that just landed). What it
   * throws does not fail the run.
   */
  betweenModels?: () => Promise<void>;
  /** Most new rows an incremental model reads in one part of its run (default WATERMARK_CHUNK_ROWS). */
  partRows?: number;
}

const SCHEMAS = ['bronze', 'silver', 'gold', 'meta', 'quarantine'];

/**
 * Runs the models as a DAG over a ModelStore, incrementally: a model runs only when an input's
 * version differs from the one it last read (or its definition changed, or its table is missing).
 * A failed model commits nothing and the models downstream of it do not run; independent models
 * still do. Lineage and expectation results are appended to meta tables once per run.
 */
export class PipelineRunner {
  private readonly ordered: ModelDefinition[];
  private readonly hashes = new Map<string, string>();

  constructor(
    private readonly store: ModelStore,
    models: readonly ModelDefinition[] = MODELS,
    private readonly first: readonly string[] = [],
  ) {
    this.ordered = orderModels(models);
  }

  /** The models in run order: `first` and what they read ahead, every model after its inputs. */
  get models(): readonly ModelDefinition[] {
    return prioritize(this.ordered, this.first);
  }

  /** Run the selected models that have something new; resolves with what each did. */
  async run(options: RunOptions = {}): Promise<PipelineRunResult> {
    const started = performance.now();
    const runId = crypto.randomUUID();
    const startedAt = utcTimestamp();
    const ordered = prioritize(this.ordered, options.first ?? this.first);
    const selected = selectModels(ordered, options.select ?? 'all');
    await this.prepareEngine();
    const lastRuns = await readLastRuns(this.store);
    const results: Array<ModelRunResult & { definitionHash: string }> = [];
    // A model that failed or was skipped, and the failed model at the root of it.
    const broken = new Map<string, string>();
    // Tables a model of this run still has to write: checks that read one wait for it.
    const notYetBuilt = new Set(selected.map((m) => m.name));
    const deferred = new DeferredChecks(this.store);
    for (const [i, model] of selected.entries()) {
      const progress = { runId, model: model.name, index: i + 1, total: selected.length };
      const definitionHash = this.definitionHash(model);
      const blockedBy = model.inputs.map((input) => broken.get(input)).find(Boolean);
      let result: ModelRunResult;
      let split: ExpectationSplit | null = null;
      if (blockedBy) {
        broken.set(model.name, blockedBy);
        result = { ...notRun(model, 'skipped', utcTimestamp()), error: `not run: ${blockedBy} failed` };
      } else if (
        !options.force &&
        !(await isDue(this.store, model, definitionHash, lastRuns.get(model.name)))
      ) {
        result = notRun(model, 'up_to_date', utcTimestamp(), lastRuns.get(model.name));
      } else {
        options.onProgress?.({ ...progress, status: 'running' });
        const watermark = await this.resumeFrom(model, definitionHash, lastRuns.get(model.name));
        split = splitExpectations(model, notYetBuilt);
        result = await runInParts(
          this.store,
          model,
          {
            runId,
            startedAt: utcTimestamp(),
            watermark,
            expectations: split.now,
          },
          options.partRows,
        );
        if (result.status === 'failed') broken.set(model.name, model.name);
      }
      const recorded = { ...result, definitionHash };
      results.push(recorded);
      if (split && recorded.status === 'success') deferred.hold(model, recorded, split);
      options.onProgress?.({ ...progress, status: result.status, result });
      notYetBuilt.delete(model.name);
      await deferred.finished(model.name);
      await options.betweenModels?.().catch(() => undefined);
    }
    await deferred.flush();
    const recorded = results.filter((r) => r.status !== 'up_to_date');
    if (recorded.length > 0) await recordRun(this.store, runId, recorded);
    const firstFailure = results.find((r) => r.status === 'failed');
    return {
      runId,
      startedAt,
      elapsedMs: performance.now() - started,
      status: firstFailure ? 'failed' : recorded.length === 0 ? 'up_to_date' : 'success',
      models: results.map(({ definitionHash: _hash, ...r }) => r),
      failure: firstFailure
        ? { model: firstFailure.model, reason: firstFailure.error ?? 'failed' }
        : undefined,
    };
  }

  private async prepareEngine(): Promise<void> {
    for (const schema of SCHEMAS)
      await this.store.sql.exec(`create schema if not exists ${quoteIdent(schema)}`);
    await this.store.sql.exec(macrosSql);
  }

  /**
   * Where an incremental model goes on reading: its last watermark, unless it must start over (a
   * new definition, its table gone, or rows that arrived at or below the watermark since).
   */
  private async resumeFrom(
    model: ModelDefinition,
    definitionHash: string,
    last?: LastRun,
  ): Promise<string | null> {
    if (!model.watermark || !last || last.definitionHash !== definitionHash || last.watermark === null)
      return null;
    if ((await this.store.latestVersion(model.name)) < 0) return null;
    if ((await this.store.latestVersion(model.watermark.input)) < 0) return null;
    await this.store.ensureLoaded(model.watermark.input);
    const below = await rowsUpTo(this.store, model.watermark, last.watermark);
    return below === last.watermarkRows ? last.watermark : null;
  }

  /**
   * A fingerprint of what the model computes: a changed SQL, write mode or check re-runs it. The
   * MD5 of the same JSON as ever (DuckDB's md5 before), so lakes built by earlier runs stay up to date.
   */
  private definitionHash(model: ModelDefinition): string {
    let hash = this.hashes.get(model.name);
    if (hash === undefined) {
      hash = md5Hex(
        JSON.stringify([
          model.sql,
          model.write,
          model.partitionBy ?? [],
          model.watermark ?? null,
          model.expectations,
        ]),
      );
      this.hashes.set(model.name, hash);
    }
    return hash;
  }
}

function notRun(
  model: ModelDefinition,
  status: 'skipped' | 'up_to_date',
  at: string,
  last?: LastRun,
): ModelRunResult {
  return {
    model: model.name,
    layer: model.layer,
    status,
    startedAt: at,
    elapsedMs: 0,
    inputVersions: last?.inputVersions ?? {},
    outputVersion: last?.outputVersion ?? null,
    rowsIn: 0,
    rowsOut: 0,
    rowsDropped: 0,
    rowsQuarantined: 0,
    expectations: [],
  };
}

/** Now as a zone-less UTC timestamp `YYYY-MM-DD HH:MM:SS.mmm` (DuckDB here has no time zones). */
export function utcTimestamp(date = new Date()): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
