import * as Plot from '@observablehq/plot';
import { formats } from '../shell/formats.svelte';
import { theme } from '../shell/theme.svelte';
import {
  cohortHeatmap,
  dailySalesChart,
  funnelChart,
  lateRateByStateChart,
  reviewVsDelayChart,
  rfmSegmentsChart,
  topCategoriesChart,
  type ChartFrame,
} from './charts';
import { DELAY_BUCKETS } from './dashboard-queries';
import { whenIdle } from '../shell/idle';
import { queueWarmSteps, runWarmStep, type WarmStep } from './draw-queue';

/** The Dashboard's charts, as PlotFigure's `warm` names them. */
export type WarmChart =
  'dailySales' | 'topCategories' | 'lateRateByState' | 'reviewVsDelay' | 'cohorts' | 'funnel' | 'rfmSegments';

/** A fortnight of made-up daily rows: enough for the 7-day moving average to draw a line. */
const ROWS = Array.from({ length: 14 }, (_, i) => ({
  order_date: `2018-01-${String(i + 1).padStart(2, '0')}`,
  payments: 1000 + ((i * 137) % 500),
}));

/** A few made-up rows for each of the other charts: each kind of mark and scale runs once. */
const OTHERS: Array<[WarmChart, (frame: ChartFrame) => Element]> = [
  [
    'topCategories',
    (frame) =>
      topCategoriesChart(
        [
          { category: 'a', gmv: 3, orders: 1 },
          { category: 'b', gmv: 2, orders: 1 },
        ],
        frame,
      ),
  ],
  [
    'lateRateByState',
    (frame) =>
      lateRateByStateChart(
        [
          { state: 'SP', late_rate: 0.1 },
          { state: 'RJ', late_rate: 0.2 },
        ],
        frame,
      ),
  ],
  [
    'reviewVsDelay',
    (frame) =>
      reviewVsDelayChart(
        DELAY_BUCKETS.map((bucket, i) => ({ bucket, avg_review_score: 4.5 - i * 0.5 })),
        frame,
      ),
  ],
  [
    'cohorts',
    (frame) =>
      cohortHeatmap(
        [
          { cohort_month: '2018-01-01', month_offset: 0, retention: 1 },
          { cohort_month: '2018-01-01', month_offset: 1, retention: 0.1 },
          { cohort_month: '2018-02-01', month_offset: 0, retention: 1 },
        ],
        frame,
      ),
  ],
  ['funnel', (frame) => funnelChart({ sessions: 10, views: 8, carts: 4, checkouts: 2, purchases: 1 }, frame)],
  [
    'rfmSegments',
    (frame) =>
      rfmSegmentsChart(
        [
          { segment: 'champions', customers: 5 },
          { segment: 'at risk', customers: 3 },
        ],
        frame,
      ),
  ],
];

let warming: Promise<void> | null = null;

/**
 * Draw every Dashboard chart once, off the page and on made-up rows, before the real rows arrive
 * (while Run demo builds them, or while the engine starts on a reload). The first Plot drawing of
 * a page runs code for the first time (compiled as it goes: a long task on its own); paid here, in
 * idle moments and in small tasks (a bare plot, then each mark of the first chart, then the first
 * chart, then each other chart), the real charts draw as soon as their rows arrive. A chart whose
 * rows arrive first (a reload drawing remembered rows) runs the steps still waiting up to its own
 * ahead of its draw, each in a task of its own. Nothing is added to the page. Runs once per page: later calls get the same promise.
 */
export function warmUpCharts(): Promise<void> {
  warming ??= warm();
  return warming;
}

async function warm(): Promise<void> {
  const frame: ChartFrame = {
    width: 640,
    description: '',
    colors: theme.chartColors(),
    formats: formats.f,
  };
  const data = ROWS.map((r) => ({ date: new Date(`${r.order_date}T00:00:00Z`), payments: r.payments }));
  // The first chart's steps are its marks one by one, then the chart: every chart draws after them.
  const first = (run: () => unknown): WarmStep => ({ chart: 'dailySales', run });
  const steps: WarmStep[] = [
    first(() => Plot.plot({ width: frame.width, marks: [Plot.ruleY([0])] })),
    first(() =>
      Plot.plot({
        width: frame.width,
        x: { type: 'utc' },
        marks: [Plot.areaY(data, { x: 'date', y: 'payments' })],
      }),
    ),
    first(() =>
      Plot.plot({
        width: frame.width,
        marks: [Plot.lineY(data, Plot.windowY({ k: 7 }, { x: 'date', y: 'payments' }))],
      }),
    ),
    first(() => dailySalesChart(ROWS, frame)),
    ...OTHERS.map(([chart, draw]): WarmStep => ({ chart, run: () => draw(frame) })),
  ];
  // A chart that asks to draw meanwhile runs the steps still waiting up to its own first (draw-queue).
  queueWarmSteps(steps);
  for (;;) {
    await whenIdle(500);
    if (!runWarmStep()) return;
  }
}
