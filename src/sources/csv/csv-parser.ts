/**
 * A streaming RFC 4180 parser over UTF-8 bytes: records may span chunks, quoted fields may hold
 * delimiters, quotes (`""`) and line breaks; CRLF, LF and lone CR end a record. Fields are handed
 * to a sink as byte ranges of the current buffer, so no string is made for a value.
 */

/** Field flags. */
export const FIELD_QUOTED = 1;
/** The quoted field holds doubled quotes that must be unescaped. */
export const FIELD_ESCAPED = 2;
/** Text follows the closing quote (`"abc"x`): the field is not valid CSV. */
export const FIELD_MALFORMED = 4;

/** One parsed record, valid only during the sink call (the parser reuses it). */
export interface CsvRecord {
  /** Bytes the field ranges point into. */
  bytes: Uint8Array;
  count: number;
  /** Field content ranges: without the surrounding quotes; for a malformed field, the raw text. */
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  /** 1-based physical line the record starts on. */
  line: number;
}

/** Receives each record as it is parsed. */
export type CsvSink = (record: CsvRecord) => void;

/** The input ended inside a quoted field. */
export class UnterminatedQuoteError extends Error {
  constructor(
    readonly line: number,
    readonly fieldIndex: number,
  ) {
    super(`unterminated quote in field ${fieldIndex + 1} starting in line ${line}`);
  }
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Streaming CSV parser; feed it with `push` and finish with `end`. */
export class CsvParser {
  private pending: Uint8Array = new Uint8Array(0);
  private line = 1;
  private readonly record: CsvRecord;
  /** Bytes consumed so far (for progress). */
  bytesDone = 0;
  /** Records passed to the sink. */
  records = 0;
  /** The last record ended without a line break (known after `end`). */
  endedWithoutNewline = false;

  constructor(
    private readonly sink: CsvSink,
    private readonly delimiter = 0x2c,
    maxFields = 256,
  ) {
    this.record = {
      bytes: this.pending,
      count: 0,
      starts: new Int32Array(maxFields),
      ends: new Int32Array(maxFields),
      flags: new Uint8Array(maxFields),
      line: 1,
    };
  }

  /** Parse a chunk; an incomplete last record waits for the next chunk. */
  push(chunk: Uint8Array): void {
    const bytes = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    const consumed = this.parse(bytes, false);
    this.pending = consumed < bytes.length ? bytes.slice(consumed) : new Uint8Array(0);
    this.bytesDone += chunk.length;
  }

  /** Parse what is left; throws UnterminatedQuoteError when the input ends inside quotes. */
  end(): void {
    if (this.pending.length > 0) this.parse(this.pending, true);
    this.pending = new Uint8Array(0);
  }

  /** Parse complete records from `bytes`; returns how many bytes were consumed. */
  private parse(bytes: Uint8Array, final: boolean): number {
    const rec = this.record;
    const delim = this.delimiter;
    const n = bytes.length;
    rec.bytes = bytes;
    let pos = 0;
    while (pos < n) {
      const recordStart = pos;
      const recordLine = this.line;
      let lines = 0;
      let count = 0;
      // Blank line: skipped, but counted.
      if (bytes[pos] === LF || bytes[pos] === CR) {
        if (bytes[pos] === CR) {
          if (pos + 1 >= n && !final) break;
          if (bytes[pos + 1] === LF) pos++;
        }
        pos++;
        this.line++;
        continue;
      }
      for (;;) {
        if (count === rec.starts.length) this.growFields();
        let flags = 0;
        let start = pos;
        let end: number;
        if (pos < n && bytes[pos] === QUOTE) {
          flags = FIELD_QUOTED;
          start = pos + 1;
          let q = start;
          for (;;) {
            while (q < n && bytes[q] !== QUOTE) {
              if (bytes[q] === LF) lines++;
              else if (bytes[q] === CR && bytes[q + 1] !== LF) lines++;
              q++;
            }
            if (q >= n) break;
            if (q + 1 < n && bytes[q + 1] === QUOTE) {
              flags |= FIELD_ESCAPED;
              q += 2;
              continue;
            }
            if (q + 1 >= n && !final) {
              q = n; // cannot tell `"` from `""` yet
            }
            break;
          }
          if (q >= n) {
            if (final) throw new UnterminatedQuoteError(recordLine, count);
            return recordStart;
          }
          end = q;
          pos = q + 1;
          if (pos < n && bytes[pos] !== delim && bytes[pos] !== LF && bytes[pos] !== CR) {
            // Text after the closing quote: keep the raw field, from the opening quote on.
            flags = FIELD_MALFORMED;
            start = start - 1;
            while (pos < n && bytes[pos] !== delim && bytes[pos] !== LF && bytes[pos] !== CR) pos++;
            end = pos;
          }
        } else {
          while (pos < n) {
            const b = bytes[pos];
            if (b === delim || b === LF || b === CR) break;
            pos++;
          }
          end = pos;
        }
        rec.starts[count] = start;
        rec.ends[count] = end;
        rec.flags[count] = flags;
        count++;
        if (pos >= n) {
          if (!final) return recordStart;
          this.endedWithoutNewline = true;
          break;
        }
        const b = bytes[pos];
        if (b === delim) {
          pos++;
          continue;
        }
        if (b === CR) {
          if (pos + 1 >= n && !final) return recordStart;
          if (bytes[pos + 1] === LF) pos++;
        }
        pos++;
        lines++;
        break;
      }
      rec.count = count;
      rec.line = recordLine;
      this.line = recordLine + lines;
      this.records++;
      this.sink(rec);
    }
    return pos;
  }

  private growFields(): void {
    const size = this.record.starts.length * 2;
    const grow = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.record.starts = grow(this.record.starts, (k) => new Int32Array(k));
    this.record.ends = grow(this.record.ends, (k) => new Int32Array(k));
    this.record.flags = grow(this.record.flags, (k) => new Uint8Array(k));
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
