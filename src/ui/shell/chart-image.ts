/**
 * A drawn Observable Plot chart as one image to assistive technology, named by `label` (a data
 * table beside it carries the numbers). With a legend Plot draws a <figure> of a legend <svg> and
 * the chart's <svg>: the chart's, the last, is the image. Plot labels its inner mark groups
 * ("line", "rule"), which ARIA does not allow on a <g> without a role, so those labels go.
 */
export function presentChartAsImage(chart: Element, label: string): void {
  const svg =
    chart.tagName.toLowerCase() === 'svg' ? chart : [...chart.querySelectorAll(':scope > svg')].at(-1);
  svg?.setAttribute('role', 'img');
  svg?.setAttribute('aria-label', label);
  for (const group of chart.querySelectorAll('g[aria-label]')) group.removeAttribute('aria-label');
}
