import { afterEach, describe, expect, it } from 'vitest';
import { drawSoon, queueWarmSteps, runWarmStep } from '../../../src/ui/dashboard/draw-queue';

/** Resolves once every task queued so far (and the ones they queue at once) has run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

const step = (chart: string, ran: string[], name: string) => ({ chart, run: () => ran.push(name) });

describe('the Dashboard draw queue', () => {
  afterEach(() => {
    while (runWarmStep());
  });

  it('runs the warm-up steps up to a chart’s own ahead of its draw, each in a task of its own', async () => {
    const ran: string[] = [];
    queueWarmSteps([
      step('dailySales', ran, 'warm bare plot'),
      step('dailySales', ran, 'warm daily sales'),
      step('topCategories', ran, 'warm top categories'),
    ]);
    drawSoon(() => ran.push('draw daily sales'), 'dailySales');
    setTimeout(() => ran.push('another task'), 0);
    await settle();
    expect(ran).toEqual(['warm bare plot', 'another task', 'warm daily sales', 'draw daily sales']);

    // The next chart's step was left for it (or for an idle moment).
    drawSoon(() => ran.push('draw top categories'), 'topCategories');
    await settle();
    expect(ran.slice(4)).toEqual(['warm top categories', 'draw top categories']);
    expect(runWarmStep()).toBe(false);
  });

  it('draws at once a chart whose warm-up has run (in an idle moment), or that has none', async () => {
    const ran: string[] = [];
    queueWarmSteps([step('dailySales', ran, 'warm daily sales'), step('funnel', ran, 'warm funnel')]);
    expect(runWarmStep()).toBe(true);
    drawSoon(() => ran.push('draw daily sales'), 'dailySales');
    drawSoon(() => ran.push('draw a chart with no warm-up'));
    await settle();
    expect(ran).toEqual(['warm daily sales', 'draw daily sales', 'draw a chart with no warm-up']);
  });

  it('skips a warm-up step that throws, and the chart still draws', async () => {
    const ran: string[] = [];
    queueWarmSteps([
      {
        chart: 'cohorts',
        run: () => {
          throw new Error('Plot failed on made-up rows');
        },
      },
      step('cohorts', ran, 'warm cohorts legend'),
    ]);
    drawSoon(() => ran.push('draw cohorts'), 'cohorts');
    await settle();
    expect(ran).toEqual(['warm cohorts legend', 'draw cohorts']);
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
