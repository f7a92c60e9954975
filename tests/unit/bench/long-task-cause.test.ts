import { describe, expect, it } from 'vitest';
import { causeOfTask, type LongFrame } from '../../../scripts/bench/long-task-cause.mjs';

const ORIGIN = 'http://127.0.0.1:4398/assets';
const frame = (at: number, ms: number, scripts: LongFrame['scripts'] = []): LongFrame => ({
  at,
  ms,
  scripts,
});

describe('what the bench says a long task was', () => {
  it('names the file whose evaluation it was, without its content hash', () => {
    const frames = [
      frame(900, 80),
      frame(1000, 140, [
        {
          invoker: `${ORIGIN}/index-BllVh2U1.js`,
          source: `${ORIGIN}/index-BllVh2U1.js`,
          ms: 119,
          layoutMs: 0,
        },
      ]),
    ];
    expect(causeOfTask({ at: 1000, ms: 132 }, frames)).toBe('evaluating index.js (119 ms)');
  });

  it('names the callback, its file and the style and layout it forced, from the longest script', () => {
    const frames = [
      frame(1000, 75, [
        {
          invoker: 'TimerHandler:setTimeout',
          source: `${ORIGIN}/warm-charts-Drf5KFMd.js`,
          ms: 9,
          layoutMs: 0,
        },
        { invoker: 'DOMWindow.onhashchange', source: `${ORIGIN}/index-QNX77SAL.js`, ms: 53, layoutMs: 29.4 },
      ]),
    ];
    expect(causeOfTask({ at: 1010, ms: 60 }, frames)).toBe(
      'DOMWindow.onhashchange in index.js (53 ms, 29 ms of it forced style and layout)',
    );
  });

  it('says rendering when no script of the frame took half the task', () => {
    const frames = [
      frame(1000, 59, [
        {
          invoker: 'ResizeObserverCallback',
          source: `${ORIGIN}/observe-width-CzpVvqQx.js`,
          ms: 8,
          layoutMs: 0,
        },
      ]),
    ];
    expect(causeOfTask({ at: 1000, ms: 58 }, frames)).toBe('rendering (a 59 ms frame)');
  });

  it('finds the frame of a task that started a few ms before it, and not its neighbour', () => {
    const frames = [
      frame(900, 96, [
        { invoker: 'IdleRequestCallback', source: `${ORIGIN}/idle-5AvKcJ7O.js`, ms: 60, layoutMs: 0 },
      ]),
      frame(1003, 125, [
        {
          invoker: 'TimerHandler:setTimeout',
          source: `${ORIGIN}/warm-charts-Drf5KFMd.js`,
          ms: 110,
          layoutMs: 0,
        },
      ]),
    ];
    expect(causeOfTask({ at: 1000, ms: 122 }, frames)).toBe(
      'TimerHandler:setTimeout in warm-charts.js (110 ms)',
    );
  });

  it('says so when no recorded frame holds the task', () => {
    expect(causeOfTask({ at: 5000, ms: 70 }, [frame(1000, 60)])).toBe('no animation frame recorded');
  });
});
