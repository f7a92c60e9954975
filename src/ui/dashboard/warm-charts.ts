import * as Plot from '@observablehq/plot';
import { formats } from '../shell/formats.svelte';
import { theme } from '../shell/theme.svelte';
import { dailySalesChart, type ChartFrame } from './charts';
import { whenIdle } from '../shell/idle';

/** A fortnight of made-up daily rows: enough for the 7-day moving average to draw a line. */
const ROWS = Array.from({ length: 14 }, (_, i) => ({
  order_date: `2018-01-${String(i + 1).padStart(2, '0')}`,
  payments: 1000 + ((i * 137) % 500),
}));

/**
 * Draw the Dashboard's first chart once, off the page and on made-up rows, while Run demo waits
 * for the real ones. The first Plot drawing of a page runs code for the first time (compiled as it
 * goes: hundreds of milliseconds on a busy machine); paid here, in idle moments and in a few
 * smaller tasks (a bare plot, then each mark of the chart, then the chart), the real chart draws
 * as soon as its rows arrive. Nothing is added to the page.
 */
export async function warmUpCharts(): Promise<void> {
  const frame: ChartFrame = {
    width: 640,
    description: '',
    colors: theme.chartColors(),
    formats: formats.f,
  };
  const data = ROWS.map((r) => ({ date: new Date(`${r.order_date}T00:00:00Z`), payments: r.payments }));
  const steps: Array<() => Element> = [
    () => Plot.plot({ width: frame.width, marks: [Plot.ruleY([0])] }),
    () =>
      Plot.plot({
        width: frame.width,
        x: { type: 'utc' },
        marks: [Plot.areaY(data, { x: 'date', y: 'payments' })],
      }),
    () =>
      Plot.plot({
        width: frame.width,
        marks: [Plot.lineY(data, Plot.windowY({ k: 7 }, { x: 'date', y: 'payments' }))],
      }),
    () => dailySalesChart(ROWS, frame),
  ];
  for (const step of steps) {
    await whenIdle(500);
    step();
  }
}
