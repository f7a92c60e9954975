/** Where a learner is in the walkthrough, which steps' effects they have seen, and how to undo them. */
export interface LearnProgress {
  /** Index of the step on screen. */
  step: number;
  /** Step ids whose "Try it" ran and showed its effect. */
  seen: string[];
  /** Per step: the tables its "Try it" changed and the versions "Reset this step" restores. */
  restorePoints: Record<string, Record<string, number>>;
}

/** The part of `localStorage` the store uses (so tests can hand it a plain object). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The key progress is kept under. */
export const PROGRESS_KEY = 'pocket-lakehouse.learn.progress';
/** The key of the older walkthrough, which kept only the step number. */
const OLD_STEP_KEY = 'pocket-lakehouse.learn.step';

/** Read progress for `stepIds` (unknown ids are dropped; a step out of range is clamped). */
export function readProgress(store: KeyValueStore, stepIds: string[]): LearnProgress {
  let parsed: Partial<LearnProgress> = {};
  try {
    const value: unknown = JSON.parse(store.getItem(PROGRESS_KEY) ?? '{}');
    if (value && typeof value === 'object') parsed = value as Partial<LearnProgress>;
  } catch {
    parsed = {};
  }
  const old = store.getItem(OLD_STEP_KEY);
  const step = Number.isInteger(parsed.step) ? Number(parsed.step) : old !== null ? Number(old) || 0 : 0;
  const seen = Array.isArray(parsed.seen) ? parsed.seen.filter((id) => stepIds.includes(id)) : [];
  const restorePoints: LearnProgress['restorePoints'] = {};
  for (const [id, points] of Object.entries(parsed.restorePoints ?? {})) {
    if (!stepIds.includes(id) || !points || typeof points !== 'object') continue;
    const valid = Object.entries(points).filter(([, v]) => Number.isInteger(v) && v >= 0);
    if (valid.length) restorePoints[id] = Object.fromEntries(valid);
  }
  return { step: Math.max(0, Math.min(step, stepIds.length - 1)), seen: [...new Set(seen)], restorePoints };
}

/** Keep progress. */
export function writeProgress(store: KeyValueStore, progress: LearnProgress): void {
  store.setItem(PROGRESS_KEY, JSON.stringify(progress));
}

/**
 * Progress after a step's "Try it": its effect seen, and its restore points kept — the earliest
 * ones when it is tried again before a reset, so a reset goes back to before the first try.
 */
export function markTried(
  progress: LearnProgress,
  id: string,
  points: Record<string, number> = {},
): LearnProgress {
  const kept = progress.restorePoints[id] ?? {};
  const merged = { ...points, ...kept };
  const restorePoints = { ...progress.restorePoints };
  if (Object.keys(merged).length) restorePoints[id] = merged;
  return { ...progress, seen: [...progress.seen.filter((s) => s !== id), id], restorePoints };
}

/** Progress after "Reset this step": not seen, nothing left to restore. */
export function markReset(progress: LearnProgress, id: string): LearnProgress {
  const restorePoints = { ...progress.restorePoints };
  delete restorePoints[id];
  return { ...progress, seen: progress.seen.filter((s) => s !== id), restorePoints };
}
