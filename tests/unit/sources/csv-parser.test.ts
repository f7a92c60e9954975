import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvParser, FIELD_ESCAPED, type CsvRecord } from '../../../src/sources/csv/csv-parser';
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
