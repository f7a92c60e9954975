import { describe, expect, it } from 'vitest';
import {
  PROGRESS_KEY,
  markReset,
  markTried,
  readProgress,
  writeProgress,
  type KeyValueStore,
} from '../../../src/ui/learn/progress-store';

const IDS = ['medallion', 'merge', 'vacuum'];

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => (key in data ? data[key] : null),
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

describe('the walkthrough remembers progress', () => {
  it('starts at the first step with nothing seen', () => {
    expect(readProgress(memoryStore(), IDS)).toEqual({ step: 0, seen: [], restorePoints: {} });
  });

  it('keeps the step, the effects seen and the restore points across a reload', () => {
    const store = memoryStore();
    let progress = readProgress(store, IDS);
    progress = markTried({ ...progress, step: 1 }, 'merge', { 'silver.events': 4, 'bronze.events': 2 });
    writeProgress(store, progress);
    expect(readProgress(store, IDS)).toEqual({
      step: 1,
      seen: ['merge'],
      restorePoints: { merge: { 'silver.events': 4, 'bronze.events': 2 } },
    });
  });

  it('trying a step again keeps the versions from before its first try, so a reset goes all the way back', () => {
    let progress = markTried(readProgress(memoryStore(), IDS), 'merge', { 'silver.events': 4 });
    progress = markTried(progress, 'merge', { 'silver.events': 5 });
    expect(progress.restorePoints.merge).toEqual({ 'silver.events': 4 });
    expect(progress.seen).toEqual(['merge']);
  });

  it('a reset marks the step unseen and forgets its restore points; other steps stay', () => {
    let progress = markTried(readProgress(memoryStore(), IDS), 'merge', { 'silver.events': 4 });
    progress = markTried(progress, 'medallion');
    progress = markReset(progress, 'merge');
    expect(progress).toEqual({ step: 0, seen: ['medallion'], restorePoints: {} });
  });

  it('ignores what it cannot use: broken JSON, unknown steps, a step out of range, bad versions', () => {
    expect(readProgress(memoryStore({ [PROGRESS_KEY]: '{not json' }), IDS)).toEqual({
      step: 0,
      seen: [],
      restorePoints: {},
    });
    const stored = memoryStore({
      [PROGRESS_KEY]: JSON.stringify({
        step: 42,
        seen: ['merge', 'gone', 'merge'],
        restorePoints: { gone: { 't.x': 1 }, vacuum: { 'a.b': -1, 'c.d': 'x', 'e.f': 3 } },
      }),
    });
    expect(readProgress(stored, IDS)).toEqual({
      step: 2,
      seen: ['merge'],
      restorePoints: { vacuum: { 'e.f': 3 } },
    });
    expect(readProgress(memoryStore({ [PROGRESS_KEY]: 'null' }), IDS).step).toBe(0);
  });

  it('carries the step of the older walkthrough over', () => {
    expect(readProgress(memoryStore({ 'pocket-lakehouse.learn.step': '2' }), IDS).step).toBe(2);
  });
});
