// Small statistics for benchmark runs: medians and ratios, never a single noisy sample.

/** Median of the numbers (NaN-free); null for an empty list. */
export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median of one field over runs, e.g. medianOf(runs, (r) => r.stages.silver). */
export function medianOf(runs, pick) {
  return median(runs.map(pick).filter((v) => v !== undefined && v !== null));
}

/** a / b, or null when either is missing. */
export function ratio(a, b) {
  return a === null || b === null || b === 0 ? null : a / b;
}

/** Format milliseconds for a table: "1.23 s" or "456 ms". */
export function formatMs(ms) {
  if (ms === null || ms === undefined) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** Format bytes as MB (MiB): one decimal under 10 MB. */
export function formatMb(bytes) {
  if (bytes === null || bytes === undefined) return '—';
  const mb = bytes / 1024 / 1024;
  return `${mb < 10 ? mb.toFixed(1) : mb.toFixed(0)} MB`;
}

/** Format a ratio as "2.1×". */
export function formatRatio(value) {
  return value === null || value === undefined ? '—' : `${value.toFixed(2)}×`;
}
