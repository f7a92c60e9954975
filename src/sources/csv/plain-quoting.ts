const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** What a look at a file's quote characters found. */
export interface QuotingScan {
  /**
   * Every quote opens a field (first byte of the file, or right after a delimiter or a line break)
   * or closes one (followed by a delimiter, a line break or the end), or is a doubled quote inside
   * one; and no quoted field is left open at the end.
   */
  plain: boolean;
  /** A quoted field holds a line break (a reader must not split the file by lines). */
  quotedLineBreak: boolean;
}

/**
 * Check that a CSV quotes only as RFC 4180 says, by visiting its quote characters alone (fast:
 * `indexOf`, not a byte loop). Where it does not — a quote inside an unquoted value, text or a
 * space after a closing quote, an unterminated quote — DuckDB's `read_csv` and our parser read the
 * file differently without DuckDB logging a reject (it trims the space, or swallows the next
 * line), so such a file must go to our parser.
 */
export function scanQuoting(bytes: Uint8Array, delimiter: number): QuotingScan {
  const n = bytes.length;
  let quotedLineBreak = false;
  // The next line feed and carriage return at or after a position, kept so each is searched once.
  let nextLf = -2;
  let nextCr = -2;
  let at = bytes.indexOf(QUOTE);
  while (at >= 0) {
    const before = at === 0 ? LF : bytes[at - 1];
    if (before !== delimiter && before !== LF && before !== CR) return { plain: false, quotedLineBreak };
    // Inside a quoted field: find its closing quote, stepping over doubled quotes.
    let close = bytes.indexOf(QUOTE, at + 1);
    for (;;) {
      if (close < 0) return { plain: false, quotedLineBreak };
      if (bytes[close + 1] !== QUOTE) break;
      close = bytes.indexOf(QUOTE, close + 2);
    }
    if (!quotedLineBreak) {
      if (nextLf !== -1 && nextLf < at) nextLf = bytes.indexOf(LF, at);
      if (nextCr !== -1 && nextCr < at) nextCr = bytes.indexOf(CR, at);
      quotedLineBreak = (nextLf >= 0 && nextLf < close) || (nextCr >= 0 && nextCr < close);
    }
    const after = close + 1 < n ? bytes[close + 1] : LF;
    if (after !== delimiter && after !== LF && after !== CR) return { plain: false, quotedLineBreak };
    at = bytes.indexOf(QUOTE, close + 1);
  }
  return { plain: true, quotedLineBreak };
}
