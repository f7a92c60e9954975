import { beforeAll, describe, expect, it } from 'vitest';
import { ipcToTable } from '../../../src/engine/arrow-ipc';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import { csvField, encodeCsv, encodeRowsCsv } from '../../../src/export/csv-encoder';

let engine: DuckDbEngine;

beforeAll(async () => {
  ({ engine } = await bootNodeEngine());
});

const decode = (chunks: Uint8Array[]) => chunks.map((c) => new TextDecoder().decode(c)).join('');

describe('CSV export', () => {
  it('quotes only fields holding a comma, a quote or a line break, and writes NULL as empty', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
    expect(csvField(null)).toBe('');
    expect(csvField(12.5)).toBe('12.5');
  });

  it('writes a header and typed values as DuckDB prints them', async () => {
    const ipc = await engine.queryArrow(
      `select 'o1' as order_id, 120.50::decimal(18,2) as price, timestamp '2017-10-02 10:56:33' as purchase_ts,
              date '2017-10-18' as estimated, null::varchar as comment
       union all
       select 'o2', 7.00, timestamp '2018-01-01 00:00:00', date '2018-01-05', 'Ótimo, "chegou" cedo'`,
    );
    expect(decode(encodeCsv(ipcToTable(ipc)))).toBe(
      'order_id,price,purchase_ts,estimated,comment\r\n' +
        'o1,120.5,2017-10-02 10:56:33,2017-10-18,\r\n' +
        'o2,7,2018-01-01 00:00:00,2018-01-05,"Ótimo, ""chegou"" cedo"\r\n',
    );
  });

  it('writes every row of a table spanning several chunks, quoting where needed', async () => {
    const ipc = await engine.queryArrow(`select i as id, 'name, ' || i as name from range(45000) t(i)`);
    const text = decode(encodeCsv(ipcToTable(ipc)));
    expect(text.split('\r\n').length).toBe(45002); // header + rows + the empty string after the last CRLF
    expect(text).toContain('\r\n44999,"name, 44999"\r\n');
  });
});

describe('CSV export opened in a spreadsheet (CSV injection, OWASP)', () => {
  it('prefixes a quote to text cells a spreadsheet would evaluate; quoting alone is not enough', () => {
    expect(csvField('=HYPERLINK("http://evil.example","click")', 'text')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    );
    expect(['+SUM(A1:A9)', '-2+3', '@cmd', '\tx', '\rx'].map((v) => csvField(v, 'text'))).toEqual([
      "'+SUM(A1:A9)",
      "'-2+3",
      "'@cmd",
      "'\tx",
      `"'\rx"`,
    ]);
    expect(csvField('a=b', 'text')).toBe('a=b');
  });

  it('writes the columns of a table by type: text escaped, negative numbers left as numbers', async () => {
    const ipc = await engine.queryArrow(
      `select '=1+1' as note, -5 as delta, -2.50::decimal(10,2) as amount, '-7' as code, date '2017-10-18' as d
       union all select '@SUM(A1)', 3, 1.25, '+55 11 5555', date '2018-01-01'`,
    );
    expect(decode(encodeCsv(ipcToTable(ipc)))).toBe(
      'note,delta,amount,code,d\r\n' +
        "'=1+1,-5,-2.5,'-7,2017-10-18\r\n" +
        "'@SUM(A1),3,1.25,'+55 11 5555,2018-01-01\r\n",
    );
  });

  it("writes rows the UI holds (a chart's data) with the same guard: text cells prefixed, numbers as they are", async () => {
    const rows = await engine.query(
      `select '=HYPERLINK("x")' as category, -12.5::double as gmv, 3::int as orders, date '2018-01-02' as month, null::varchar as note
       union all select 'cama, mesa', 1, -1, date '2018-02-01', '@me'`,
    );
    expect(encodeRowsCsv(rows)).toBe(
      'category,gmv,orders,month,note\r\n' +
        `"'=HYPERLINK(""x"")",-12.5,3,2018-01-02,\r\n` +
        `"cama, mesa",1,-1,2018-02-01,'@me\r\n`,
    );
    expect(encodeRowsCsv([])).toBe('\r\n');
  });
});
