/**
 * A streaming RFC 4180 parser over UTF-8 bytes: records may span chunks, quoted fields may hold
 * delimiters, quotes (`""`) and line breaks; CRLF, LF and lone CR end a record. Fields are handed
 * to a sink as byte ranges of the current buffer, so no string is made for a value.
 *
 * The parser is a resumable state machine: a record that does not end in a chunk is kept (in a
 * buffer that grows geometrically) together with how far it was scanned, and the next chunk
 * continues from there, so every byte is scanned once however long a record is. A record longer
 * than `maxRecordBytes` stops the parse (a quote that is never closed would otherwise swallow the
 * rest of the file into one record).
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

/** A record grew past the parser's limit without ending. */
export class RecordTooLongError extends Error {
  constructor(
    readonly line: number,
    readonly fieldIndex: number,
    /** True when the record was inside a quoted field when the limit was reached. */
    readonly inQuotes: boolean,
    readonly limit: number,
  ) {
    super(`the record starting in line ${line} is longer than ${limit} bytes`);
  }
}

/** Default longest record: far above any real CSV row, far below what a browser tab can hold twice. */
export const DEFAULT_MAX_RECORD_BYTES = 32 * 1024 * 1024;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

// Where the scan of the current record stands.
const RECORD_START = 0;
const FIELD_START = 1;
const UNQUOTED = 2;
const QUOTED = 3;
const AFTER_QUOTE = 4;
const MALFORMED = 5;
const AFTER_FIELD = 6;

/** Streaming CSV parser; feed it with `push` and finish with `end`. */
export class CsvParser {
  /** The bytes of a record that spans chunks, from its first byte; `held` of them are valid. */
  private buffer: Uint8Array = new Uint8Array(0);
  private held = 0;
  private phase = RECORD_START;
  /** Scan position, start of the record, of the current field, end of a closed quoted field. */
  private pos = 0;
  private recordStart = 0;
  private fieldStart = 0;
  private fieldEnd = 0;
  private fieldFlags = 0;
  private recordLine = 1;
  private lines = 0;
  private line = 1;
  private readonly record: CsvRecord;
  /** Bytes consumed so far (for progress). */
  bytesDone = 0;
  /** Records passed to the sink. */
  records = 0;
  /** Bytes looked at by the scan (each once, plus a byte or two at chunk ends): proof it is linear. */
  bytesScanned = 0;
  /** The last record ended without a line break (known after `end`). */
  endedWithoutNewline = false;

  constructor(
    private readonly sink: CsvSink,
    private readonly delimiter = 0x2c,
    maxFields = 256,
    private readonly maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
  ) {
    this.record = {
      bytes: this.buffer,
      count: 0,
      starts: new Int32Array(maxFields),
      ends: new Int32Array(maxFields),
      flags: new Uint8Array(maxFields),
      line: 1,
    };
  }

  /** Capacity of the buffer holding a record that spans chunks (it grows geometrically). */
  get bufferBytes(): number {
    return this.buffer.length;
  }

  /** Parse a chunk; an incomplete last record waits for the next chunk. */
  push(chunk: Uint8Array): void {
    this.bytesDone += chunk.length;
    if (this.held === 0) {
      // Nothing pending: parse the chunk where it is, without copying it.
      this.pos = 0;
      this.parse(chunk, chunk.length, false);
      return;
    }
    this.append(chunk);
    this.parse(this.buffer, this.held, false);
  }

  /** Parse what is left; throws UnterminatedQuoteError when the input ends inside quotes. */
  end(): void {
    if (this.held > 0) this.parse(this.buffer, this.held, true);
    this.held = 0;
  }

  private append(chunk: Uint8Array): void {
    const need = this.held + chunk.length;
    if (need > this.buffer.length) {
      const grown = new Uint8Array(Math.max(need, this.buffer.length * 2, 1 << 16));
      grown.set(this.buffer.subarray(0, this.held));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.held);
    this.held = need;
  }

  /**
   * Keep the unfinished record (from `recordStart`) at the start of the buffer, with every offset
   * moved along, so the next chunk continues the scan where it stopped.
   */
  private suspend(bytes: Uint8Array, n: number): void {
    const shift = this.recordStart;
    if (bytes === this.buffer) {
      if (shift > 0) this.buffer.copyWithin(0, shift, n);
      this.held = n - shift;
    } else {
      this.held = 0;
      this.append(bytes.subarray(shift, n));
    }
    if (shift > 0) {
      const rec = this.record;
      for (let i = 0; i < rec.count; i++) {
        rec.starts[i] -= shift;
        rec.ends[i] -= shift;
      }
      this.pos -= shift;
      this.fieldStart -= shift;
      this.fieldEnd -= shift;
      this.recordStart = 0;
    }
    if (this.held > this.maxRecordBytes) this.tooLong();
  }

  /** Parse `bytes[pos, n)`; complete records go to the sink, an incomplete one is kept for later. */
  private parse(bytes: Uint8Array, n: number, final: boolean): void {
    const rec = this.record;
    const delim = this.delimiter;
    rec.bytes = bytes;
    let pos = this.pos;
    const scanFrom = pos;
    const stop = () => {
      this.pos = pos;
      this.bytesScanned += n - scanFrom;
      if (this.phase === RECORD_START) {
        this.recordStart = pos;
        if (pos >= n) {
          this.held = 0;
          return;
        }
      }
      this.suspend(bytes, n);
    };
    for (;;) {
      switch (this.phase) {
        case RECORD_START: {
          if (pos >= n) return stop();
          const b = bytes[pos];
          if (b === LF || b === CR) {
            // Blank line: skipped, but counted.
            if (b === CR) {
              if (pos + 1 >= n && !final) return stop();
              if (bytes[pos + 1] === LF) pos++;
            }
            pos++;
            this.line++;
            continue;
          }
          this.recordStart = pos;
          this.recordLine = this.line;
          this.lines = 0;
          rec.count = 0;
          this.phase = FIELD_START;
          continue;
        }
        case FIELD_START:
          if (rec.count === rec.starts.length) this.growFields();
          if (pos < n && bytes[pos] === QUOTE) {
            this.fieldFlags = FIELD_QUOTED;
            this.fieldStart = ++pos;
            this.phase = QUOTED;
          } else {
            if (pos >= n && !final) return stop();
            this.fieldFlags = 0;
            this.fieldStart = pos;
            this.phase = UNQUOTED;
          }
          continue;
        case UNQUOTED:
          while (pos < n) {
            const b = bytes[pos];
            if (b === delim || b === LF || b === CR) break;
            pos++;
          }
          if (pos >= n && !final) return stop();
          this.endField(this.fieldStart, pos);
          if (pos >= n) return this.endOfInput(n - scanFrom, n);
          this.phase = AFTER_FIELD;
          continue;
        case QUOTED: {
          let q = pos;
          let lines = this.lines;
          for (;;) {
            while (q < n && bytes[q] !== QUOTE) {
              const b = bytes[q];
              if (b === LF) lines++;
              else if (b === CR) {
                // A CR at the end of the chunk: whether an LF follows is for the next chunk to say.
                if (q + 1 >= n && !final) break;
                if (bytes[q + 1] !== LF) lines++;
              }
              q++;
            }
            if (q >= n || bytes[q] !== QUOTE) break;
            if (q + 1 >= n && !final) break; // cannot tell `"` from `""` yet
            if (q + 1 < n && bytes[q + 1] === QUOTE) {
              this.fieldFlags |= FIELD_ESCAPED;
              q += 2;
              continue;
            }
            break;
          }
          pos = q;
          this.lines = lines;
          if (pos >= n || bytes[pos] !== QUOTE || (pos + 1 >= n && !final)) {
            if (final && pos >= n) throw new UnterminatedQuoteError(this.recordLine, rec.count);
            return stop();
          }
          this.fieldEnd = pos;
          pos++;
          this.phase = AFTER_QUOTE;
          continue;
        }
        case AFTER_QUOTE: {
          if (pos >= n) {
            if (!final) return stop();
            this.endField(this.fieldStart, this.fieldEnd);
            return this.endOfInput(n - scanFrom, n);
          }
          const b = bytes[pos];
          if (b === delim || b === LF || b === CR) {
            this.endField(this.fieldStart, this.fieldEnd);
            this.phase = AFTER_FIELD;
          } else {
            // Text after the closing quote: keep the raw field, from the opening quote on.
            this.fieldFlags = FIELD_MALFORMED;
            this.fieldStart--;
            this.phase = MALFORMED;
          }
          continue;
        }
        case MALFORMED:
          while (pos < n) {
            const b = bytes[pos];
            if (b === delim || b === LF || b === CR) break;
            pos++;
          }
          if (pos >= n && !final) return stop();
          this.endField(this.fieldStart, pos);
          if (pos >= n) return this.endOfInput(n - scanFrom, n);
          this.phase = AFTER_FIELD;
          continue;
        case AFTER_FIELD: {
          const b = bytes[pos];
          if (b === delim) {
            pos++;
            this.phase = FIELD_START;
            continue;
          }
          if (b === CR) {
            if (pos + 1 >= n && !final) return stop();
            if (bytes[pos + 1] === LF) pos++;
          }
          pos++;
          this.lines++;
          this.emit(pos);
          this.phase = RECORD_START;
          continue;
        }
      }
    }
  }

  private endField(start: number, end: number): void {
    const rec = this.record;
    rec.starts[rec.count] = start;
    rec.ends[rec.count] = end;
    rec.flags[rec.count] = this.fieldFlags;
    rec.count++;
  }

  /** The record ends at `end` (after its line break): check its size, hand it to the sink. */
  private emit(end: number): void {
    if (end - this.recordStart > this.maxRecordBytes) this.tooLong();
    const rec = this.record;
    rec.line = this.recordLine;
    this.line = this.recordLine + this.lines;
    this.records++;
    this.sink(rec);
  }

  /** The input ended in the middle of a record's last field: that record ends without a line break. */
  private endOfInput(scanned: number, end: number): void {
    this.bytesScanned += scanned;
    this.endedWithoutNewline = true;
    this.emit(end);
    this.phase = RECORD_START;
    this.held = 0;
  }

  private tooLong(): never {
    throw new RecordTooLongError(
      this.recordLine,
      this.record.count,
      this.phase === QUOTED || this.phase === AFTER_QUOTE,
      this.maxRecordBytes,
    );
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
