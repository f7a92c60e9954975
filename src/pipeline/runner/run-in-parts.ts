import type { ExpectationResult } from '../quality/expectation-result';
import type { ModelStore } from '../model-store';
import type { ModelDefinition } from '../types';
import { runModel, type ModelRunContext } from './run-model';
import type { ModelRunResult } from './run-types';
import { WATERMARK_CHUNK_ROWS, watermarkChunks } from './watermark-chunks';

/**
 * Run a model; an incremental one with more new rows than WATERMARK_CHUNK_ROWS runs in parts of
 * consecutive watermark values, oldest first, each committed before the next starts, and comes
 * back as one result: rows and checks summed over the parts, the last part's version and
 * watermark. A part that fails ends the run there (failed); the parts before it stay committed,
 * and since a failed run records no watermark, the next run reads everything again.
 */
export async function runInParts(
  store: ModelStore,
  model: ModelDefinition,
  context: ModelRunContext,
  partRows = WATERMARK_CHUNK_ROWS,
): Promise<ModelRunResult> {
  if (!model.watermark) return runModel(store, model, context);
  const bounds = await watermarkChunks(store, model.watermark, context.watermark, partRows);
  let result: ModelRunResult | null = null;
  let from = context.watermark;
  for (const upTo of bounds) {
    const part = await runModel(store, model, { ...context, watermark: from, upTo });
    result = result ? combined(result, part) : part;
    if (part.status !== 'success') break;
    from = upTo;
  }
  return result!;
}

/** One result of two consecutive parts of a run. */
function combined(first: ModelRunResult, next: ModelRunResult): ModelRunResult {
  const phases = (r: ModelRunResult) => r.phaseMs ?? { load: 0, build: 0, check: 0, commit: 0 };
  const [a, b] = [phases(first), phases(next)];
  return {
    ...next,
    startedAt: first.startedAt,
    elapsedMs: first.elapsedMs + next.elapsedMs,
    outputVersion: next.outputVersion ?? first.outputVersion,
    rowsOut: first.rowsOut + next.rowsOut,
    rowsDropped: first.rowsDropped + next.rowsDropped,
    rowsQuarantined: first.rowsQuarantined + next.rowsQuarantined,
    expectations: combinedChecks(first.expectations, next.expectations),
    phaseMs: {
      load: a.load + b.load,
      build: a.build + b.build,
      check: a.check + b.check,
      commit: a.commit + b.commit,
    },
  };
}

/** The same checks over two parts' rows: rows checked and failing added, samples up to five. */
function combinedChecks(first: ExpectationResult[], next: ExpectationResult[]): ExpectationResult[] {
  if (next.length === 0) return first;
  if (first.length === 0) return next;
  return first.map((check, i) => ({
    ...check,
    success: check.success && next[i].success,
    rowsChecked: check.rowsChecked + next[i].rowsChecked,
    rowsFailing: check.rowsFailing + next[i].rowsFailing,
    sample: [...check.sample, ...next[i].sample].slice(0, 5),
  }));
}
