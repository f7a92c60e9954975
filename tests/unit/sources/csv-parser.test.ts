import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CsvParser,
  FIELD_ESCAPED,
  RecordTooLongError,
  type CsvRecord,
} from '../../../src/sources/csv/csv-parser';
import { SAMPLE_DIR } from './helpers/fixture';

const decoder = new TextDecoder();

function parse(bytes: Uint8Array, chunk: number): string[][] {
  const rows: string[][] = [];
  const parser = new CsvParser((r: CsvRecord) => {
    const row: string[] = [];
    for (let i = 0; i < r.count; i++) {
      const value = decoder.decode(r.bytes.subarray(r.starts[i], r.ends[i]));
      row.push(r.flags[i] & FIELD_ESCAPED ? value.replaceAll('""', '"') : value);
    }
    rows.push([String(r.line), ...row]);
  });
  for (let at = 0; at < bytes.length; at += chunk) parser.push(bytes.subarray(at, at + chunk));
  parser.end();
  return rows;
}

/** Offset of the first record start at or after `offset` (a line break outside quotes). */
function recordBoundaryAfter(bytes: Uint8Array, offset: number): number {
  let quotes = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x22) quotes++;
    if (i >= offset && bytes[i] === 0x0a && quotes % 2 === 0) return i + 1;
  }
  return bytes.length;
}

describe('the streaming CSV parser', () => {
  it('gives the same records and line numbers whatever the chunk size, even inside quotes and CRLF pairs', () => {
    const file = new Uint8Array(readFileSync(join(SAMPLE_DIR, 'olist_order_reviews_dataset.csv')));
    const reviews = file.subarray(0, recordBoundaryAfter(file, 60_000));
    const whole = parse(reviews, reviews.length);
    expect(whole.length).toBeGreaterThan(300);
    for (const chunk of [1, 2, 3, 7, 64, 4096]) expect(parse(reviews, chunk)).toEqual(whole);
  });

  it('reads RFC 4180: quoted delimiters, doubled quotes, line breaks in quotes, CR/LF/CRLF endings, no final newline', () => {
    const input = 'a,b,c\r\n"x,y","say ""hi""","two\nlines"\n\n1,,3\r4,5,6';
    expect(parse(new TextEncoder().encode(input), 5)).toEqual([
      ['1', 'a', 'b', 'c'],
      ['2', 'x,y', 'say "hi"', 'two\nlines'],
      ['5', '1', '', '3'],
      ['6', '4', '5', '6'],
    ]);
  });
});

describe('a very long record', () => {
  const MiB = 1024 * 1024;

  function longQuotedField(bytes: number): Uint8Array {
    const head = new TextEncoder().encode('a,"');
    const tail = new TextEncoder().encode('",b\nc,d,e\n');
    const input = new Uint8Array(head.length + bytes + tail.length);
    input.set(head);
    input.fill(0x78, head.length, head.length + bytes); // x…
    input.set(tail, head.length + bytes);
    return input;
  }

  it('is scanned once, byte by byte, in a buffer that grows geometrically (24 MB in 1 MiB chunks)', () => {
    const input = longQuotedField(24 * MiB);
    const lengths: number[][] = [];
    const parser = new CsvParser((r) =>
      lengths.push(Array.from({ length: r.count }, (_, i) => r.ends[i] - r.starts[i])),
    );
    for (let at = 0; at < input.length; at += MiB) parser.push(input.subarray(at, at + MiB));
    parser.end();
    expect(lengths).toEqual([
      [1, 24 * MiB, 1],
      [1, 1, 1],
    ]);
    // Before: each chunk re-scanned and re-copied the whole pending record (quadratic).
    expect(parser.bytesScanned).toBeLessThan(input.length + 64);
    expect(parser.bufferBytes).toBeLessThanOrEqual(2 * 24 * MiB);
  });

  it('longer than the limit stops the parse with the line where it starts, without waiting for the end', () => {
    const input = new TextEncoder().encode('h1,h2\n1,2\n3,"never closed' + 'y'.repeat(3 * MiB));
    const parser = new CsvParser(() => {}, 0x2c, 256, 2 * MiB);
    let error: unknown = null;
    let pushed = 0;
    try {
      for (let at = 0; at < input.length; at += 256 * 1024) {
        parser.push(input.subarray(at, at + 256 * 1024));
        pushed = at;
      }
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RecordTooLongError);
    expect(error).toMatchObject({ line: 3, fieldIndex: 1, inQuotes: true, limit: 2 * MiB });
    expect(pushed).toBeLessThan(2.5 * MiB);
  });
});
