/**
 * Places a column's statistics on one axis, so each file's min–max range can be drawn as a bar:
 * numbers as they are, dates and timestamps as times, text by its first characters.
 */

/** How a Delta type's values compare. */
export type AxisKind = 'number' | 'time' | 'text' | 'none';

/** The axis kind of a Delta type (`long`, `decimal(18,2)`, `date`, `timestamp`, `string`, …). */
export function axisKindOf(type: string): AxisKind {
  if (/^(byte|short|integer|long|float|double|decimal\(\d+,\s*\d+\))$/.test(type)) return 'number';
  if (type === 'date' || type === 'timestamp' || type === 'timestamp_ntz') return 'time';
  if (type === 'string') return 'text';
  return 'none';
}

/** Characters of text that place it on the axis: enough to tell hex ids and names apart. */
const TEXT_DIGITS = 6;

/** A stats value as a number on the axis, or null when it has none (or cannot be read). */
export function axisValue(kind: AxisKind, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'number': {
      const n = Number(value);
      return Number.isFinite(n) ? n : null;
    }
    case 'time': {
      const text = String(value);
      const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
      return Number.isNaN(ms) ? null : ms;
    }
    case 'text':
      return textKey(String(value));
    default:
      return null;
  }
}

/** Text as a fraction in [0, 1) that keeps the order of its first characters (code points, capped at 127). */
export function textKey(text: string): number {
  let key = 0;
  let scale = 1;
  const chars = [...text];
  for (let i = 0; i < TEXT_DIGITS; i++) {
    scale /= 128;
    const code = i < chars.length ? Math.min(chars[i].codePointAt(0) ?? 0, 127) : 0;
    key += code * scale;
  }
  return key;
}

/** Where a value lies between the axis ends, as a fraction in [0, 1]. */
export function fraction(value: number, min: number, max: number): number {
  if (max <= min) return 0.5;
  return Math.min(1, Math.max(0, (value - min) / (max - min)));
}
