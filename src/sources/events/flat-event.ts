const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const encoder = new TextEncoder();

/**
 * Reads the common shape of an event line straight from its bytes: a JSON object whose members
 * are known fields, each at most once, with text (ASCII, no escapes) or null values. Each value
 * is a byte range of the line, so no JavaScript object or string is made per event. Any other
 * line — numbers, escapes, non-ASCII, unknown or repeated fields, broken JSON — is refused, and
 * the caller reads it with JSON.parse, which decides what it means.
 */
export class FlatEventScanner {
  /** Start of each field's value in the last line scanned; -1 for null or absent. */
  readonly starts: Int32Array;
  /** End (exclusive) of each field's value. */
  readonly ends: Int32Array;
  private readonly keys: Uint8Array[];

  constructor(fields: readonly string[]) {
    if (fields.length > 31) throw new Error('FlatEventScanner keeps at most 31 fields');
    this.keys = fields.map((f) => encoder.encode(f));
    this.starts = new Int32Array(fields.length);
    this.ends = new Int32Array(fields.length);
  }

  /** Scan bytes [start, end) (one line, no newline); false when the line needs JSON.parse. */
  scan(bytes: Uint8Array, start: number, end: number): boolean {
    this.starts.fill(-1);
    let seen = 0;
    let i = skipSpace(bytes, start, end);
    if (i >= end || bytes[i] !== OPEN) return false;
    i = skipSpace(bytes, i + 1, end);
    if (i < end && bytes[i] === CLOSE) return skipSpace(bytes, i + 1, end) === end;
    let expected = 0;
    for (;;) {
      if (i >= end || bytes[i] !== QUOTE) return false;
      const keyEnd = stringEnd(bytes, i + 1, end);
      if (keyEnd < 0) return false;
      const field = this.fieldAt(bytes, i + 1, keyEnd, expected);
      if (field < 0 || seen & (1 << field)) return false;
      seen |= 1 << field;
      expected = field + 1;
      i = skipSpace(bytes, keyEnd + 1, end);
      if (i >= end || bytes[i] !== COLON) return false;
      i = skipSpace(bytes, i + 1, end);
      if (i < end && bytes[i] === QUOTE) {
        const valueEnd = stringEnd(bytes, i + 1, end);
        if (valueEnd < 0) return false;
        this.starts[field] = i + 1;
        this.ends[field] = valueEnd;
        i = valueEnd + 1;
      } else if (isNull(bytes, i, end)) {
        i += 4;
      } else {
        return false;
      }
      i = skipSpace(bytes, i, end);
      if (i >= end) return false;
      if (bytes[i] === COMMA) {
        i = skipSpace(bytes, i + 1, end);
        continue;
      }
      if (bytes[i] !== CLOSE) return false;
      return skipSpace(bytes, i + 1, end) === end;
    }
  }

  /** The field named by bytes [start, end), trying the one after the previous member first. */
  private fieldAt(bytes: Uint8Array, start: number, end: number, expected: number): number {
    if (expected < this.keys.length && sameBytes(this.keys[expected], bytes, start, end)) return expected;
    for (let f = 0; f < this.keys.length; f++) if (sameBytes(this.keys[f], bytes, start, end)) return f;
    return -1;
  }
}

/** True when bytes [start, end) hold only ASCII spaces, tabs and other characters `trim` removes. */
export function isBlankAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b !== 0x20 && (b < 0x09 || b > 0x0d)) return false;
  }
  return true;
}

/** The closing quote of a string starting at `start`, or -1 when it has an escape, a control or non-ASCII byte, or no end. */
function stringEnd(bytes: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b === QUOTE) return i;
    if (b === BACKSLASH || b < 0x20 || b >= 0x80) return -1;
  }
  return -1;
}

/** JSON whitespace (the line has no newline). */
function skipSpace(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0d)) i++;
  return i;
}

function isNull(bytes: Uint8Array, i: number, end: number): boolean {
  return (
    i + 4 <= end &&
    bytes[i] === 0x6e &&
    bytes[i + 1] === 0x75 &&
    bytes[i + 2] === 0x6c &&
    bytes[i + 3] === 0x6c
  );
}

function sameBytes(key: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start !== key.length) return false;
  for (let k = 0; k < key.length; k++) if (key[k] !== bytes[start + k]) return false;
  return true;
}
