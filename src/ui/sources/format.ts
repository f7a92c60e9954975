/** Bytes as B, kB, MB or GB (powers of 1000, one decimal from MB on). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(0)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** Milliseconds as ms or seconds. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A count with thousands separators. */
export function formatCount(n: number): string {
  return n.toLocaleString('en');
}

/** A rate per second of a unit, e.g. "12.3 MB/s" or "84,000 rows/s". */
export function formatRate(done: number, ms: number, unit: string): string {
  if (ms <= 0) return '';
  const perSecond = (done * 1000) / ms;
  if (unit === 'bytes') return `${formatBytes(perSecond)}/s`;
  return `${formatCount(Math.round(perSecond))} ${unit}/s`;
}
