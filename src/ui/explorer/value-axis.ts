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
export function axisValue(kind: AxisKind, value: unknown, alphabet?: TextAlphabet): number | null {
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
      return textKey(String(value), alphabet);
    default:
      return null;
  }
}

/** The characters a column's text bounds use, in order: the digits of a text axis. */
export type TextAlphabet = Map<string, number>;

/**
 * The alphabet of a set of texts' first characters. Keys in its own digits keep hex ids, names
 * and codes evenly spread (code points would leave the gap between `9` and `a` empty).
 */
export function textAlphabet(texts: string[]): TextAlphabet {
  const chars = new Set<string>();
  for (const text of texts) for (const char of [...text].slice(0, TEXT_DIGITS)) chars.add(char);
  return new Map([...chars].sort().map((c, i) => [c, i + 1]));
}

/** Text as a fraction in [0, 1) that keeps the order of its first characters, in an alphabet's digits. */
export function textKey(text: string, alphabet: TextAlphabet = new Map()): number {
  const base = alphabet.size + 1;
  let key = 0;
  let scale = 1;
  const chars = [...text];
  for (let i = 0; i < TEXT_DIGITS; i++) {
    scale /= base;
    const digit = i < chars.length ? (alphabet.get(chars[i]) ?? 0) : 0;
    key += digit * scale;
  }
  return key;
}

/** Where a value lies between the axis ends, as a fraction in [0, 1]. */
export function fraction(value: number, min: number, max: number): number {
  if (max <= min) return 0.5;
  return Math.min(1, Math.max(0, (value - min) / (max - min)));
}
