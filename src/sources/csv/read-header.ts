import { CsvParser, FIELD_ESCAPED, type CsvRecord } from './csv-parser';
import { recogniseHeader, type HeaderRecognition } from './recognise-header';

const decoder = new TextDecoder();
const DELIMITERS = [0x2c, 0x3b, 0x09, 0x7c]; // , ; tab |

/** The header of a CSV and what it says the file is. */
export interface CsvHeader {
  names: string[];
  delimiter: number;
  recognition: HeaderRecognition;
}

/** One field of a record as a string (quotes unescaped). */
export function fieldText(record: CsvRecord, i: number): string {
  const text = decoder.decode(record.bytes.subarray(record.starts[i], record.ends[i]));
  return record.flags[i] & FIELD_ESCAPED ? text.replaceAll('""', '"') : text;
}

/** Parse the first line of `text` with one delimiter. */
export function parseHeaderLine(text: Uint8Array, delimiter: number): string[] {
  const newline = text.indexOf(0x0a);
  const line = newline < 0 ? text : text.subarray(0, newline + 1);
  let names: string[] = [];
  const parser = new CsvParser((record) => {
    if (names.length === 0) names = Array.from({ length: record.count }, (_, i) => fieldText(record, i));
  }, delimiter);
  try {
    parser.push(line);
    parser.end();
  } catch {
    // A header with an open quote: read what is there as one name, recognition will fail.
    names = [decoder.decode(line).trim()];
  }
  return names;
}

/**
 * Read the header and find the delimiter: the one (comma, semicolon, tab, pipe) under which the
 * header is an Olist file, else the one the header line holds most of.
 */
export function readHeader(text: Uint8Array): CsvHeader {
  const newline = text.indexOf(0x0a);
  const line = newline < 0 ? text : text.subarray(0, newline);
  const counts = DELIMITERS.map((d) => ({ d, n: line.reduce((sum, b) => sum + (b === d ? 1 : 0), 0) }));
  const ranked = counts.filter((c) => c.n > 0).sort((a, b) => b.n - a.n);
  for (const { d } of ranked) {
    const names = parseHeaderLine(text, d);
    const recognition = recogniseHeader(names);
    if (recognition.kind !== 'unrecognised') return { names, delimiter: d, recognition };
  }
  const delimiter = ranked[0]?.d ?? 0x2c;
  const names = parseHeaderLine(text, delimiter);
  return { names, delimiter, recognition: recogniseHeader(names) };
}
