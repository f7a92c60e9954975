import * as Plot from '@observablehq/plot';
import { DELAY_BUCKETS } from './dashboard-queries';

type Rows = Record<string, unknown>[];

/** Options every chart shares: its width and the accessible description. */
export interface ChartFrame {
  width: number;
  description: string;
}

/** One formatter for every tip: `toLocaleString` with options builds a new one per call (slow per row). */
const BRL = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'BRL', maximumFractionDigits: 0 });
const brl = (value: number) => BRL.format(value);

/** Payments per purchase day, with a 7-day moving average. */
export function dailySalesChart(rows: Rows, frame: ChartFrame): Element {
  const data = rows.map((r) => ({
    date: new Date(`${r.order_date}T00:00:00Z`),
    payments: Number(r.payments),
  }));
  return Plot.plot({
    width: frame.width,
    height: 260,
    ariaDescription: frame.description,
    x: { type: 'utc', label: null },
    y: { grid: true, label: 'Payments (BRL)', tickFormat: '~s' },
    marks: [
      Plot.areaY(data, { x: 'date', y: 'payments', fill: '#1f5fa8', fillOpacity: 0.15 }),
      Plot.lineY(
        data,
        Plot.windowY({ k: 7 }, { x: 'date', y: 'payments', stroke: '#1f5fa8', strokeWidth: 1.5 }),
      ),
      Plot.ruleY([0]),
      Plot.tip(
        data,
        Plot.pointerX({
          x: 'date',
          y: 'payments',
          title: (d) => `${d.date.toISOString().slice(0, 10)}: ${brl(d.payments)}`,
        }),
      ),
    ],
  });
}

/** Gross merchandise value of the top categories. */
export function topCategoriesChart(rows: Rows, frame: ChartFrame): Element {
  return Plot.plot({
    width: frame.width,
    height: Math.max(160, rows.length * 24 + 40),
    marginLeft: 170,
    ariaDescription: frame.description,
    x: { grid: true, label: 'GMV (BRL)', tickFormat: '~s' },
    y: { label: null },
    marks: [
      Plot.barX(rows, { x: 'gmv', y: 'category', sort: { y: '-x' }, fill: '#c58b2a', tip: true }),
      Plot.ruleX([0]),
    ],
  });
}

/** Share of late deliveries by customer state (states with the most deliveries). */
export function lateRateByStateChart(rows: Rows, frame: ChartFrame): Element {
  const data = rows.filter((r) => r.late_rate !== null).slice(0, 15);
  return Plot.plot({
    width: frame.width,
    height: 260,
    ariaDescription: frame.description,
    x: { label: null },
    y: { grid: true, label: 'Late deliveries', tickFormat: '.0%' },
    marks: [
      Plot.barY(data, { x: 'state', y: 'late_rate', sort: { x: '-y' }, fill: '#b3261e', tip: true }),
      Plot.ruleY([0]),
    ],
  });
}

/** Average review score by how late the order arrived. */
export function reviewVsDelayChart(rows: Rows, frame: ChartFrame): Element {
  return Plot.plot({
    width: frame.width,
    height: 260,
    ariaDescription: frame.description,
    x: { domain: DELAY_BUCKETS, label: null },
    y: { domain: [0, 5], grid: true, label: 'Average review score' },
    marks: [
      Plot.barY(rows, { x: 'bucket', y: 'avg_review_score', fill: '#1e7b34', tip: true }),
      Plot.text(rows, {
        x: 'bucket',
        y: 'avg_review_score',
        text: (d) => Number(d.avg_review_score).toFixed(2),
        dy: -8,
      }),
      Plot.ruleY([0]),
    ],
  });
}

/** Share of each monthly cohort still buying N months later. */
export function cohortHeatmap(rows: Rows, frame: ChartFrame): Element {
  return Plot.plot({
    width: frame.width,
    height: Math.max(220, new Set(rows.map((r) => r.cohort_month)).size * 20 + 80),
    marginLeft: 80,
    ariaDescription: frame.description,
    x: { label: 'Months since first order', type: 'band' },
    y: { label: null, type: 'band' },
    color: { scheme: 'blues', type: 'sqrt', legend: true, label: 'Retention', tickFormat: '.0%' },
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
  const steps = ['sessions', 'views', 'carts', 'checkouts', 'purchases'];
  const data = steps.map((step) => ({ step, sessions: Number(row?.[step] ?? 0) }));
  return Plot.plot({
    width: frame.width,
    height: 220,
    marginLeft: 80,
    marginRight: 60,
    ariaDescription: frame.description,
    x: { grid: true, label: 'Sessions', tickFormat: '~s' },
    y: { domain: steps, label: null },
    marks: [
      Plot.barX(data, { x: 'sessions', y: 'step', fill: '#5b3fa8', tip: true }),
      Plot.text(data, {
        x: 'sessions',
        y: 'step',
        text: (d) => d.sessions.toLocaleString('en-US'),
        dx: 4,
        textAnchor: 'start',
      }),
      Plot.ruleX([0]),
    ],
  });
}

/** Customers per RFM segment. */
export function rfmSegmentsChart(rows: Rows, frame: ChartFrame): Element {
  return Plot.plot({
    width: frame.width,
    height: 220,
    marginLeft: 120,
    ariaDescription: frame.description,
    x: { grid: true, label: 'Customers' },
    y: { label: null },
    marks: [
      Plot.barX(rows, { x: 'customers', y: 'segment', sort: { y: '-x' }, fill: '#2a7f8f', tip: true }),
      Plot.ruleX([0]),
    ],
  });
}
