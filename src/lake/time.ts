import { formatTimestamp } from '../engine/arrow-ipc';
import { LakehouseError } from '../engine/errors';

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Read a timestamp a user typed (`2026-11-25 10:00:00`, `2026-11-25`, ISO with a zone). Zone-less
 * text is UTC, the zone in which DESCRIBE HISTORY shows commit times.
 */
export function parseUserTimestamp(text: string): number {
  const match = TIMESTAMP.exec(text.trim());
  const ms = match ? Date.parse(isoOf(match)) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new LakehouseError(
      'InvalidTimestamp',
      `'${text}' is not a timestamp: write it as 'YYYY-MM-DD HH:MM:SS' in UTC, e.g. '2026-11-25 10:00:00'`,
      { text },
    );
  }
  return ms;
}

function isoOf(m: RegExpExecArray): string {
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = m;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const offset = zone === 'Z' || zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}.${millis}${offset}`;
}

/** Format a commit time the way DESCRIBE HISTORY shows it (UTC, milliseconds when there are any). */
export function formatCommitTime(ms: number): string {
  return formatTimestamp(ms);
}
