import * as Plot from '@observablehq/plot';
import type { NumberFormats } from '../shell/number-format';
import type { ChartColors } from '../shell/theme.svelte';
import { DELAY_BUCKETS } from './dashboard-queries';

type Rows = Record<string, unknown>[];

/** What every chart is drawn with: its width, its description, the theme's colours, the number format. */
export interface ChartFrame {
  width: number;
  description: string;
  colors: ChartColors;
  formats: NumberFormats;
}

/** Options every chart shares: size, description, and text and tip colours from the theme. */
function base(frame: ChartFrame, height: number): Plot.PlotOptions {
  return {
    width: frame.width,
    height,
    ariaDescription: frame.description,
    style: { color: frame.colors.text, background: 'transparent', fontSize: '11px' },
  };
}

/** Payments per purchase day, with a 7-day moving average. */
export function dailySalesChart(rows: Rows, frame: ChartFrame): Element {
  const { colors, formats } = frame;
  const data = rows.map((r) => ({
    date: new Date(`${r.order_date}T00:00:00Z`),
    payments: Number(r.payments),
  }));
  return Plot.plot({
    ...base(frame, 260),
    marginLeft: 64,
    x: { type: 'utc', label: null },
    y: { grid: true, label: 'Payments', tickFormat: (v: number) => formats.moneyShort(v) },
    marks: [
      Plot.areaY(data, { x: 'date', y: 'payments', fill: colors.series[0], fillOpacity: 0.2 }),
      Plot.lineY(
        data,
        Plot.windowY({ k: 7 }, { x: 'date', y: 'payments', stroke: colors.series[0], strokeWidth: 1.5 }),
      ),
      Plot.ruleY([0], { stroke: colors.muted }),
      Plot.tip(
        data,
        Plot.pointerX({
          x: 'date',
          y: 'payments',
          title: (d) => `${d.date.toISOString().slice(0, 10)}: ${formats.money(d.payments)}`,
        }),
      ),
    ],
  });
}

/** Gross merchandise value of the top categories. */
export function topCategoriesChart(rows: Rows, frame: ChartFrame): Element {
  const { colors, formats } = frame;
  return Plot.plot({
    ...base(frame, Math.max(160, rows.length * 24 + 40)),
    marginLeft: 170,
    x: { grid: true, label: 'GMV', tickFormat: (v: number) => formats.moneyShort(v) },
    y: { label: null },
    marks: [
      Plot.barX(rows, {
        x: 'gmv',
        y: 'category',
        sort: { y: '-x' },
        fill: colors.series[1],
        tip: { format: { x: (v: number) => formats.money(v) } },
      }),
      Plot.ruleX([0], { stroke: colors.muted }),
    ],
  });
}

/** Share of late deliveries by customer state (states with the most deliveries). */
export function lateRateByStateChart(rows: Rows, frame: ChartFrame): Element {
  const { colors, formats } = frame;
  const data = rows.filter((r) => r.late_rate !== null).slice(0, 15);
  return Plot.plot({
    ...base(frame, 260),
    x: { label: null },
    y: { grid: true, label: 'Late deliveries', tickFormat: (v: number) => formats.percent(v) },
    marks: [
      Plot.barY(data, {
        x: 'state',
        y: 'late_rate',
        sort: { x: '-y' },
        fill: colors.series[2],
        tip: { format: { y: (v: number) => formats.percent(v) } },
      }),
      Plot.ruleY([0], { stroke: colors.muted }),
    ],
  });
}

/** Average review score by how late the order arrived. */
export function reviewVsDelayChart(rows: Rows, frame: ChartFrame): Element {
  const { colors, formats } = frame;
  return Plot.plot({
    ...base(frame, 260),
    x: { domain: DELAY_BUCKETS, label: null },
    y: { domain: [0, 5], grid: true, label: 'Average review score' },
    marks: [
      Plot.barY(rows, { x: 'bucket', y: 'avg_review_score', fill: colors.series[3], tip: true }),
      Plot.text(rows, {
        x: 'bucket',
        y: 'avg_review_score',
        text: (d) => formats.decimal(d.avg_review_score, 2),
        dy: -8,
      }),
      Plot.ruleY([0], { stroke: colors.muted }),
    ],
  });
}

/** Share of each monthly cohort still buying N months later. */
export function cohortHeatmap(rows: Rows, frame: ChartFrame): Element {
  const { colors, formats } = frame;
  return Plot.plot({
    ...base(frame, Math.max(220, new Set(rows.map((r) => r.cohort_month)).size * 20 + 80)),
    marginLeft: 80,
    x: { label: 'Months since first order', type: 'band' },
    y: { label: null, type: 'band' },
    color: {
      type: 'sqrt',
      range: [colors.low, colors.high],
      interpolate: 'rgb',
      legend: true,
      label: 'Retention',
      tickFormat: (v: number) => formats.percent(v),
    },
    marks: [
      Plot.cell(rows, {
        x: 'month_offset',
        y: (d) => String(d.cohort_month).slice(0, 7),
        fill: 'retention',
        tip: true,
        inset: 0.5,
      }),
    ],
  });
}

/** Sessions reaching each step of the funnel. */
export function funnelChart(row: Record<string, unknown> | undefined, frame: ChartFrame): Element {
  const { colors, formats } = frame;
  const steps = ['sessions', 'views', 'carts', 'checkouts', 'purchases'];
  const data = steps.map((step) => ({ step, sessions: Number(row?.[step] ?? 0) }));
  return Plot.plot({
    ...base(frame, 220),
    marginLeft: 80,
    marginRight: 60,
    x: { grid: true, label: 'Sessions', tickFormat: (v: number) => formats.compact(v) },
    y: { domain: steps, label: null },
    marks: [
      Plot.barX(data, { x: 'sessions', y: 'step', fill: colors.series[4], tip: true }),
      Plot.text(data, {
        x: 'sessions',
        y: 'step',
        text: (d) => formats.count(d.sessions),
        dx: 4,
        textAnchor: 'start',
      }),
      Plot.ruleX([0], { stroke: colors.muted }),
    ],
  });
}

/** Customers per RFM segment. */
export function rfmSegmentsChart(rows: Rows, frame: ChartFrame): Element {
  const { colors, formats } = frame;
  return Plot.plot({
    ...base(frame, 220),
    marginLeft: 120,
    x: { grid: true, label: 'Customers', tickFormat: (v: number) => formats.compact(v) },
    y: { label: null },
    marks: [
      Plot.barX(rows, { x: 'customers', y: 'segment', sort: { y: '-x' }, fill: colors.series[5], tip: true }),
      Plot.ruleX([0], { stroke: colors.muted }),
    ],
  });
}
