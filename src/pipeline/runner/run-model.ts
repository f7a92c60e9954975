import { quoteIdent, quoteQualified } from '../../engine/sql-quote';
import type { ModelStore } from '../model-store';
import { applyRowActions } from '../quality/apply-actions';
import { checkRows, failedChecks } from '../quality/check-expectations';
import type { Expectation } from '../quality/expectation-types';
import type { ModelDefinition } from '../types';
import { tablesReadBy } from '../quality/expectation-reads';
import { loadInput } from './bronze-placeholders';
import type { ModelRunResult } from './run-types';
import { errorMessage } from '../../engine/error-message';

/** When and as part of which run a model runs. */
export interface ModelRunContext {
  runId: string;
  /** `YYYY-MM-DD HH:MM:SS.mmm`, zone-less UTC. */
  startedAt: string;
  /** For an incremental model: the watermark its last successful run reached, null to read everything. */
  watermark: string | null;
  /** For an incremental model run in parts: the highest watermark value this part reads (null: no bound). */
  upTo?: string | null;
  /** The expectations to check now (default: all); the others wait for a table (DeferredChecks). */
  expectations?: readonly Expectation[];
}

/**
 * Run one model: load its inputs, stage its rows in a temp table, check its expectations, remove
 * dropped and quarantined rows, and commit the rest by its write mode. A failed SQL statement or a
 * failed `fail` expectation commits nothing and comes back as status failed with the reason.
 */
export async function runModel(
  store: ModelStore,
  model: ModelDefinition,
  context: ModelRunContext,
): Promise<ModelRunResult> {
  const started = performance.now();
  const stage = `_stage_${model.name.replace('.', '_')}`;
  const result: ModelRunResult = {
    model: model.name,
    layer: model.layer,
    status: 'failed',
    startedAt: context.startedAt,
    elapsedMs: 0,
    inputVersions: {},
    outputVersion: null,
    rowsIn: 0,
    rowsOut: 0,
    rowsDropped: 0,
    rowsQuarantined: 0,
    expectations: [],
    phaseMs: { load: 0, build: 0, check: 0, commit: 0 },
  };
  const phases = result.phaseMs!;
  let mark = started;
  const lap = (phase: keyof typeof phases) => {
    const now = performance.now();
    phases[phase] += now - mark;
    mark = now;
  };
  try {
    const expectations = context.expectations ?? model.expectations;
    for (const input of model.inputs) result.inputVersions[input] = await loadInput(store, input);
    result.rowsIn = await countRows(store, model.inputs);
    // The check-only tables the checks run now read (the others are loaded when their checks run).
    const checkOnly = new Set(model.checkInputs ?? []);
    for (const table of new Set(expectations.flatMap(tablesReadBy)))
      if (checkOnly.has(table)) result.inputVersions[table] = await loadInput(store, table);
    lap('load');
    await store.sql.exec(
      `create or replace temp table ${quoteIdent(stage)} as ${withoutTrailingSemicolon(model.sql)}`,
      model.watermark ? [context.watermark, context.upTo ?? null] : [],
    );
    if (model.watermark) {
      result.watermark = await highWatermark(store, stage, model.watermark.column, context.watermark);
      result.watermarkRows = await rowsUpTo(store, model.watermark, result.watermark);
    }
    lap('build');
    const { rowCount, checked } = await checkRows(store.sql, quoteIdent(stage), expectations);
    result.expectations = checked.map((c) => c.result);
    const failures = failedChecks(checked);
    if (failures.length > 0) {
      result.error = failures.join('; ');
      return result;
    }
    const removed = await applyRowActions(store, stage, checked, {
      runId: context.runId,
      model: model.name,
      at: context.startedAt,
    });
    lap('check');
    result.rowsDropped = removed.dropped;
    result.rowsQuarantined = removed.quarantined;
    // The check scan counted the staged rows; drop and quarantine deleted exactly the rows they counted.
    const rowsOut = rowCount - removed.dropped - removed.quarantined;
    const commit = await store.write(model.name, {
      ...model.write,
      sql: `select * from ${quoteIdent(stage)}`,
      partitionBy: model.partitionBy,
      // The staged rows become the written rows (and the loaded copy's source): not copied again.
      adoptTable: quoteIdent(stage),
    });
    lap('commit');
    result.rowsOut = rowsOut;
    result.outputVersion = commit.version;
    result.status = 'success';
    return result;
  } catch (error) {
    result.error = errorMessage(error);
    return result;
  } finally {
    result.elapsedMs = performance.now() - started;
    // Cleanup only: a failure here must not hide the model's own result.
    await store.sql.exec(`drop table if exists ${quoteIdent(stage)}`).catch(() => undefined);
  }
}

/** Rows of all the tables together, in one query. */
async function countRows(store: ModelStore, tables: readonly string[]): Promise<number> {
  if (tables.length === 0) return 0;
  const counts = tables.map((t) => `(select count(*) from ${quoteQualified(t)})`).join(' + ');
  const [{ n }] = await store.sql.query<{ n: number }>(`select (${counts})::bigint as n`);
  return Number(n);
}

async function highWatermark(
  store: ModelStore,
  stage: string,
  column: string,
  previous: string | null,
): Promise<string | null> {
  const [{ high }] = await store.sql.query<{ high: string | null }>(
    `select max(${quoteIdent(column)})::varchar as high from ${quoteIdent(stage)}`,
  );
  return high ?? previous;
}

/** Rows of the watermark's input at or below a watermark value (all of them when it is NULL). */
export async function rowsUpTo(
  store: ModelStore,
  watermark: { column: string; input: string },
  value: string | null,
): Promise<number> {
  const [{ n }] = await store.sql.query<{ n: number }>(
    `select count(*)::bigint as n from ${quoteQualified(watermark.input)}
     where ? is null or ${quoteIdent(watermark.column)} <= ?::timestamp`,
    [value, value],
  );
  return n;
}

function withoutTrailingSemicolon(sql: string): string {
  return sql.trim().replace(/;\s*$/, '');
}
