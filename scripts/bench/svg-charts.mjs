// Two small SVG charts for docs/benchmarks.md, written by hand (no DOM in Node): time against
// scale per engine, and where the time goes at the largest scale.

const COLORS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df'];
const FAMILY = 'font-family="system-ui, sans-serif"';
const FONT = `${FAMILY} font-size="12"`;

/**
 * A line chart: `series` of { name, points: [[x, y], …] }, linear axes from 0; `marks` of
 * { x, text } draw a dashed line where something has no point (e.g. a run that failed).
 */
export function lineChart({ title, xLabel, yLabel, series, marks = [] }) {
  const width = 640;
  const height = 360;
  const m = { left: 64, right: 150, top: 40, bottom: 48 };
  const xs = [...series.flatMap((s) => s.points.map((p) => p[0])), ...marks.map((mark) => mark.x)];
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const xMax = niceMax(Math.max(...xs, 0));
  const yMax = niceMax(Math.max(...ys, 0));
  const px = (x) => m.left + (x / xMax) * (width - m.left - m.right);
  const py = (y) => height - m.bottom - (y / yMax) * (height - m.top - m.bottom);
  const parts = [frame(width, height, title), ...axes(px, py, xMax, yMax, width, height, m, xLabel, yLabel)];
  for (const mark of marks) {
    const x = px(mark.x).toFixed(1);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${m.top}" y2="${py(0)}" stroke="#888" stroke-dasharray="4 3"/>`,
    );
    parts.push(
      `<text x="${x}" y="${m.top - 4}" text-anchor="end" ${FONT} fill="#555">${esc(mark.text)}</text>`,
    );
  }
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const points = s.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points}"/>`);
    for (const [x, y] of s.points) {
      parts.push(
        `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3.5" fill="${color}"><title>${esc(s.name)}: ${y.toFixed(1)} at ${x}</title></circle>`,
      );
    }
    parts.push(legendEntry(width - m.right + 16, m.top + 8 + i * 20, color, s.name));
  });
  return `${parts.join('\n')}\n</svg>\n`;
}

/** Horizontal stacked bars: `bars` of { name, parts: [{ name, value }] } with the same part names. */
export function stackedBars({ title, unit, bars }) {
  const width = 640;
  const rowHeight = 34;
  const m = { left: 110, right: 80, top: 40, bottom: 64 };
  const height = m.top + m.bottom + bars.length * rowHeight;
  const max = niceMax(Math.max(...bars.map((b) => b.parts.reduce((s, p) => s + p.value, 0)), 0));
  const px = (v) => m.left + (v / max) * (width - m.left - m.right);
  const parts = [frame(width, height, title)];
  const names = bars[0]?.parts.map((p) => p.name) ?? [];
  bars.forEach((bar, row) => {
    const y = m.top + row * rowHeight + 6;
    parts.push(`<text x="${m.left - 8}" y="${y + 15}" text-anchor="end" ${FONT}>${esc(bar.name)}</text>`);
    let at = 0;
    bar.parts.forEach((part, i) => {
      const x0 = px(at);
      at += part.value;
      parts.push(
        `<rect x="${x0.toFixed(1)}" y="${y}" width="${Math.max(0, px(at) - x0).toFixed(1)}" height="${rowHeight - 12}" fill="${COLORS[i % COLORS.length]}"><title>${esc(bar.name)} · ${esc(part.name)}: ${part.value.toFixed(1)} ${unit}</title></rect>`,
      );
    });
    parts.push(`<text x="${(px(at) + 4).toFixed(1)}" y="${y + 15}" ${FONT}>${at.toFixed(1)} ${unit}</text>`);
  });
  const axisY = height - m.bottom + 4;
  for (const tick of ticks(max)) {
    parts.push(
      `<text x="${px(tick).toFixed(1)}" y="${axisY + 14}" text-anchor="middle" ${FONT} fill="#555">${tick}</text>`,
    );
  }
  names.forEach((name, i) =>
    parts.push(legendEntry(m.left + i * 110, height - 12, COLORS[i % COLORS.length], name)),
  );
  return `${parts.join('\n')}\n</svg>\n`;
}

function frame(width, height, title) {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="16" y="24" ${FAMILY} font-size="14" font-weight="600">${esc(title)}</text>`,
  ].join('\n');
}

function axes(px, py, xMax, yMax, width, height, m, xLabel, yLabel) {
  const out = [];
  for (const t of ticks(yMax)) {
    out.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${py(t)}" y2="${py(t)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.left - 6}" y="${py(t) + 4}" text-anchor="end" ${FONT} fill="#555">${t}</text>`);
  }
  for (const t of ticks(xMax)) {
    out.push(
      `<text x="${px(t)}" y="${height - m.bottom + 16}" text-anchor="middle" ${FONT} fill="#555">${t}</text>`,
    );
  }
  out.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${py(0)}" y2="${py(0)}" stroke="#333"/>`);
  out.push(
    `<text x="${(m.left + width - m.right) / 2}" y="${height - 10}" text-anchor="middle" ${FONT}>${esc(xLabel)}</text>`,
  );
  out.push(
    `<text transform="translate(16 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle" ${FONT}>${esc(yLabel)}</text>`,
  );
  return out;
}

function legendEntry(x, y, color, name) {
  return `<rect x="${x}" y="${y - 9}" width="12" height="12" fill="${color}"/><text x="${x + 18}" y="${y + 2}" ${FONT}>${esc(name)}</text>`;
}

/** 1, 2 or 5 times a power of ten, at or above `value`. */
function niceMax(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((f) => f * power).find((v) => v >= value);
}

function ticks(max) {
  const step = max / 5;
  return Array.from({ length: 6 }, (_, i) => Number((i * step).toPrecision(3)));
}

function esc(text) {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
