import { describe, expect, it } from 'vitest';
import { drawSoon, queueWarmSteps, runWarmStep } from '../../../src/ui/dashboard/draw-queue';

/** Resolves once every task queued so far (and the ones they queue at once) has run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('the Dashboard draw queue', () => {
  it('runs the warm-up steps still waiting ahead of a chart, each in a task of its own', async () => {
    const ran: string[] = [];
    queueWarmSteps([() => ran.push('warm bare plot'), () => ran.push('warm daily sales')]);
    drawSoon(() => ran.push('draw daily sales'));
    drawSoon(() => ran.push('draw top categories'));
    setTimeout(() => ran.push('another task'), 0);
    await settle();
    expect(ran).toEqual([
      'warm bare plot',
      'another task',
      'warm daily sales',
      'draw daily sales',
      'draw top categories',
    ]);
    expect(runWarmStep()).toBe(false);
  });

  it('runs a warm-up step once: taken in an idle moment, it no longer runs ahead of a chart', async () => {
    const ran: string[] = [];
    queueWarmSteps([() => ran.push('warm 1'), () => ran.push('warm 2')]);
    expect(runWarmStep()).toBe(true);
    drawSoon(() => ran.push('draw'));
    await settle();
    expect(ran).toEqual(['warm 1', 'warm 2', 'draw']);
  });

  it('skips a warm-up step that throws, and the charts after it still draw', async () => {
    const ran: string[] = [];
    queueWarmSteps([
      () => {
        throw new Error('Plot failed on made-up rows');
      },
      () => ran.push('warm 2'),
    ]);
    drawSoon(() => ran.push('draw'));
    await settle();
    expect(ran).toEqual(['warm 2', 'draw']);
  });

  it('never runs a draw that was cancelled while it waited', async () => {
    const ran: string[] = [];
    const cancel = drawSoon(() => ran.push('old rows'));
    drawSoon(() => ran.push('new rows'));
    cancel();
    await settle();
    expect(ran).toEqual(['new rows']);
  });
});
