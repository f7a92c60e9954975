import { beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import { FlatEventScanner } from '../../../src/sources/events/flat-event';
import { stageEventBatches } from '../../../src/sources/events/stage-events';
import { EVENT_COLUMNS } from '../../../src/sources/olist-files';

let engine: DuckDbEngine;

beforeAll(async () => {
  ({ engine } = await bootNodeEngine());
});

const encode = (text: string) => new TextEncoder().encode(text);

/** Stage one batch and return its rows in line order, `_rescued_data` parsed. */
async function staged(text: string | Uint8Array): Promise<Record<string, unknown>[]> {
  const bytes = typeof text === 'string' ? encode(text) : text;
  const result = await stageEventBatches(engine, [{ path: 'landing/events/b.jsonl', bytes }], 'main.staged');
  const rows = await engine.query(
    `select ${EVENT_COLUMNS.join(', ')}, _source_file, _rescued_data from main.staged order by rowid`,
  );
  expect(rows).toHaveLength(result.rows);
  return rows.map((r) => ({
    ...r,
    _rescued_data: r._rescued_data === null ? null : JSON.parse(String(r._rescued_data)),
  }));
}

const NULLS = Object.fromEntries(EVENT_COLUMNS.map((c) => [c, null]));
const row = (values: Record<string, unknown>, rescued: unknown = null) => ({
  ...NULLS,
  ...values,
  _source_file: 'landing/events/b.jsonl',
  _rescued_data: rescued,
});

describe('reading event lines', () => {
  it('reads plain lines, spaced lines, any field order, nulls and absent fields the same way', async () => {
    const rows = await staged(
      [
        '{"event_id":"e1","event_type":"page_view","page":"/"}',
        ' { "page" : "/p/1" ,\t"event_id" : "e2" , "user_id" : null } ',
        '{}',
        '{"event_id":"e3","device":"mobile"}\r',
      ].join('\n'),
    );
    expect(rows).toEqual([
      row({ event_id: 'e1', event_type: 'page_view', page: '/' }),
      row({ event_id: 'e2', page: '/p/1' }),
      row({}),
      row({ event_id: 'e3', device: 'mobile' }),
    ]);
  });

  it('reads escapes, non-ASCII text, numbers, booleans and repeated fields as JSON.parse does', async () => {
    const rows = await staged(
      [
        String.raw`{"event_id":"a\"b\\c\u00e9\n","page":"/caf\u00e9"}`,
        '{"event_id":"ação 😀","page":"/é"}',
        '{"event_id":1.50,"event_type":true,"page":-0}',
        '{"event_id":"first","event_id":"second"}',
      ].join('\n'),
    );
    expect(rows).toEqual([
      row({ event_id: 'a"b\\cé\n', page: '/café' }),
      row({ event_id: 'ação 😀', page: '/é' }),
      row({ event_id: '1.5', event_type: 'true', page: '0' }),
      row({ event_id: 'second' }),
    ]);
  });

  it('keeps unknown fields, objects where text belongs and broken lines in _rescued_data, with their line', async () => {
    const rows = await staged(
      [
        '{"event_id":"e1","app_version":"2.4.1"}',
        '',
        '{"event_id":"e2","user_id":{"id":7}}',
        '   ',
        '{"event_id":"e3"',
        '{"event_id":"e4"} x',
        '{"event_id":"e5","page":nul}',
        '["e6"]',
        '{"event_id":"tab\there"}',
      ].join('\n'),
    );
    expect(rows).toEqual([
      row({ event_id: 'e1' }, { _line: 1, app_version: '2.4.1' }),
      row({ event_id: 'e2' }, { _line: 3, user_id: { id: 7 } }),
      row({}, { _line: 5, _corrupt_record: '{"event_id":"e3"' }),
      row({}, { _line: 6, _corrupt_record: '{"event_id":"e4"} x' }),
      row({}, { _line: 7, _corrupt_record: '{"event_id":"e5","page":nul}' }),
      row({}, { _line: 8, _corrupt_record: '["e6"]' }),
      row({}, { _line: 9, _corrupt_record: '{"event_id":"tab\there"}' }),
    ]);
  });

  it('drops a byte order mark and counts lines from it; invalid UTF-8 reads as a decoder reads it', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...encode('{"event_id":"e1"}\n{"event_id":"')]);
    const bytes = new Uint8Array([...bom, 0xff, ...encode('"}\n{"event_id":"e3"}')]);
    expect(await staged(bytes)).toEqual([
      row({ event_id: 'e1' }),
      row({ event_id: '\ufffd' }),
      row({ event_id: 'e3' }),
    ]);
  });
});

describe('the flat event scanner', () => {
  const scanner = new FlatEventScanner(['a', 'b']);
  const scan = (text: string) => {
    const bytes = encode(text);
    return scanner.scan(bytes, 0, bytes.length)
      ? [0, 1].map((f) =>
          scanner.starts[f] < 0
            ? null
            : new TextDecoder().decode(bytes.subarray(scanner.starts[f], scanner.ends[f])),
        )
      : 'refused';
  };

  it('gives the text of each field, null for null and absent ones', () => {
    expect(scan('{"a":"x","b":"y"}')).toEqual(['x', 'y']);
    expect(scan('{"b":null}')).toEqual([null, null]);
    expect(scan('{"b":"", "a" : "1"}')).toEqual(['1', '']);
  });

  it('refuses what only JSON.parse can read right', () => {
    for (const line of [
      '{"a":1}',
      '{"a":"\\n"}',
      '{"a":"é"}',
      '{"c":"x"}',
      '{"a":"x","a":"y"}',
      '{"a":"x",}',
      '{"a":"x"',
      '{"a":nullx}',
      '{"a":"x"} {}',
      '["a"]',
      '',
    ])
      expect([line, scan(line)]).toEqual([line, 'refused']);
  });
});
