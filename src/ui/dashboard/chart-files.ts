import { encodeRowsCsv } from '../../export/csv-encoder';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A chart made into a file the browser can download. */
export interface ChartFile {
  fileName: string;
  blob: Blob;
}

/** A chart as drawn on screen, with the background it was drawn on. */
export interface DrawnChart {
  chart: Element;
  background: string;
}

/** The rows behind a chart as CSV (through the app's one CSV encoder, with its formula guard). */
export function chartCsv(stem: string, rows: readonly Record<string, unknown>[]): ChartFile {
  return { fileName: `${stem}.csv`, blob: new Blob([encodeRowsCsv(rows)], { type: 'text/csv' }) };
}

/**
 * The drawn chart as one standalone SVG document on the theme's background. Plot draws either one
 * `<svg>` or, with a legend, a `<figure>` of a legend `<svg>` above the chart's; those are stacked
 * into one SVG as they appear on screen. Colours are concrete values already (ChartFrame), so the
 * file looks the same outside the app.
 */
export function chartSvgDocument(
  chart: Element,
  background: string,
): { svg: string; width: number; height: number } {
  const parts =
    chart instanceof SVGSVGElement ? [chart] : [...chart.querySelectorAll<SVGSVGElement>(':scope > svg')];
  if (parts.length === 0) throw new Error('The chart has not been drawn yet');
  const sizes = parts.map((part) => {
    const box = part.getBoundingClientRect();
    return {
      width: Math.ceil(Number(part.getAttribute('width')) || box.width),
      height: Math.ceil(Number(part.getAttribute('height')) || box.height),
    };
  });
  const width = Math.max(...sizes.map((s) => s.width));
  const height = sizes.reduce((sum, s) => sum + s.height, 0);
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  // A legend's text is drawn in currentColor, inherited on screen from the chart's box: carry it over.
  const style = getComputedStyle(chart);
  root.setAttribute('font-family', style.fontFamily);
  root.style.color = style.color;
  const fill = document.createElementNS(SVG_NS, 'rect');
  fill.setAttribute('width', '100%');
  fill.setAttribute('height', '100%');
  fill.setAttribute('fill', background);
  root.append(fill);
  let y = 0;
  parts.forEach((part, i) => {
    const copy = part.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('x', '0');
    copy.setAttribute('y', String(y));
    copy.setAttribute('width', String(sizes[i].width));
    copy.setAttribute('height', String(sizes[i].height));
    copy.style.setProperty('--plot-background', background);
    root.append(copy);
    y += sizes[i].height;
  });
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return { svg, width, height };
}

/** The chart as an SVG file. */
export function chartSvg(stem: string, chart: Element, background: string): ChartFile {
  const { svg } = chartSvgDocument(chart, background);
  return { fileName: `${stem}.svg`, blob: new Blob([svg], { type: 'image/svg+xml' }) };
}

/** The chart as a PNG of its size on screen: the SVG drawn onto a canvas, on the theme's background. */
export async function chartPng(stem: string, chart: Element, background: string): Promise<ChartFile> {
  const { svg, width, height } = chartSvgDocument(chart, background);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = await loadedImage(url, width, height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on a canvas');
    context.fillStyle = background;
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    const blob = await encodedPng(canvas);
    return { fileName: `${stem}.png`, blob };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The canvas as PNG bytes; an encode that never calls back is an error, not a hang. */
function encodedPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the browser did not encode the PNG within 10 s')),
      10_000,
    );
    canvas.toBlob((blob) => {
      clearTimeout(timer);
      if (blob) resolve(blob);
      else reject(new Error('the browser could not encode the PNG'));
    }, 'image/png');
  });
}

/**
 * An image of the SVG, loaded. `load`/`error` rather than `decode()`, whose promise Chromium may
 * leave pending for an image outside the document; a load that never ends is an error, not a hang.
 */
function loadedImage(url: string, width: number, height: number): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image(width, height);
    const timer = setTimeout(() => reject(new Error('the chart image did not load within 10 s')), 10_000);
    image.onload = () => {
      clearTimeout(timer);
      resolve(image);
    };
    image.onerror = () => {
      clearTimeout(timer);
      reject(new Error('the browser could not draw the chart as an image'));
    };
    image.src = url;
  });
}
