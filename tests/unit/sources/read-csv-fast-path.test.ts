import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import type { SqlEngine } from '../../../src/engine/types';
import { readHeader } from '../../../src/sources/csv/read-header';
import type { RecognisedHeader } from '../../../src/sources/csv/recognise-header';
import { stageWithReadCsv } from '../../../src/sources/csv/read-csv-stage';
import { decodeText } from '../../../src/sources/csv/text-encoding';
import { stageOlistCsv } from '../../../src/sources/ingest/stage-olist-csv';
import { OLIST_FILES } from '../../../src/sources/olist-files';
import { SAMPLE_DIR } from './helpers/fixture';

let engine: DuckDbEngine;
/** The same engine without registered file buffers: stageOlistCsv then always uses our parser. */
let parserOnly: SqlEngine;

beforeAll(async () => {
  ({ engine } = await bootNodeEngine());
  parserOnly = {
    exec: (sql, params) => engine.exec(sql, params),
    query: (sql, params) => engine.query(sql, params),
    queryArrow: (sql, params) => engine.queryArrow(sql, params),
    createTableFromArrow: (table, ipc) => engine.createTableFromArrow(table, ipc),
    appendArrow: (table, ipc) => engine.appendArrow(table, ipc),
  };
});

const SELLERS = 'seller_id,seller_zip_code_prefix,seller_city,seller_state';
const text = (s: string) => new TextEncoder().encode(s);

/** Every value of every row, in the table's own row order, NULLs marked, as one hash. */
async function contentOf(table: string): Promise<{ n: number; h: string }> {
  const columns = await engine.query<{ name: string }>(`select name from pragma_table_info('${table}')`);
  const values = columns.map((c) => `coalesce("${c.name}", '<NULL>')`).join(', ');
  const [row] = await engine.query<{ n: number; h: string }>(
    `select count(*)::integer as n, md5(coalesce(string_agg(concat_ws(chr(31), ${values}), chr(30) order by rowid), '')) as h from ${table}`,
  );
  return row;
}

/** Stage with read_csv (null when it declines) and with our parser; both tables' contents. */
async function bothWays(bytes: Uint8Array) {
  const content = decodeText(bytes);
  if (content.kind !== 'text') throw new Error('not text');
  const header = readHeader(content.bytes);
  const recognised = { ...header, recognition: header.recognition as RecognisedHeader };
  const fast = await stageWithReadCsv(engine, content.bytes, recognised, 'main.fast');
  let parser: { n: number; h: string } | string;
  try {
    await stageOlistCsv(parserOnly, 'test.csv', bytes, 'main.parsed');
    parser = await contentOf('main.parsed');
  } catch (error) {
    parser = String(error);
  }
  return { rows: fast, fast: fast === null ? null : await contentOf('main.fast'), parser };
}

describe('read_csv staging: the same rows as our parser, or our parser reads the file', () => {
  for (const spec of OLIST_FILES) {
    it(`stages ${spec.fileName} with read_csv, every value equal to our parser's, in file order`, async () => {
      const { rows, fast, parser } = await bothWays(readFileSync(join(SAMPLE_DIR, spec.fileName)));
      expect(rows).toBeGreaterThan(0);
      expect(fast).toEqual(parser);
    });
  }

  it('reads files with quoted line breaks (reviews: CRLF inside comments) one line after another', async () => {
    const reviews = readFileSync(join(SAMPLE_DIR, 'olist_order_reviews_dataset.csv'), 'utf8');
    const [head, ...rest] = reviews.split('\r\n');
    const body = rest.join('\r\n');
    const many = text(`${head}\r\n${Array.from({ length: 6 }, () => body).join('\r\n')}\r\n`);
    const { rows, fast, parser } = await bothWays(many);
    expect(rows).toBe(6 * 6_123);
    expect(fast).toEqual(parser);
  });

  const accepted: Array<[string, string]> = [
    ['blank lines between rows', `${SELLERS}\na,1,c,SP\n\nb,2,d,RJ\n`],
    ['CRLF line ends and no final line break', `${SELLERS}\r\na,1,c,SP\r\nb,2,d,RJ`],
    ['lone CR line ends', `${SELLERS}\ra,1,c,SP\rb,2,d,RJ\r`],
    ['quoted empty values and empty ones', `${SELLERS}\n"",,"x",\n,"",,""\n`],
    ['doubled quotes and delimiters inside quotes', `${SELLERS}\n"a""b","1,2","c\nd",SP\n`],
    [
      'the columns in another order',
      `seller_city,seller_state,seller_id,seller_zip_code_prefix\nc,SP,a,"01"\n`,
    ],
    ['a header in capitals', `${SELLERS.toUpperCase()}\na,1,c,SP\n`],
  ];
  for (const [what, csv] of accepted) {
    it(`reads ${what} with read_csv, as our parser does`, async () => {
      const { rows, fast, parser } = await bothWays(text(csv));
      expect(rows).not.toBeNull();
      expect(fast).toEqual(parser);
    });
  }

  const declined: Array<[string, string]> = [
    ['a space after a closing quote (read_csv trims it)', `${SELLERS}\n"a" ,1,c,SP\n`],
    ['a space before an opening quote (read_csv trims it)', `${SELLERS}\n "a",1,c,SP\n`],
    ['text after a closing quote', `${SELLERS}\n"01048"x,1,c,SP\n`],
    ['a quote inside an unquoted value', `${SELLERS}\nab"c,1,c,SP\n`],
    [
      'an unterminated quote in the middle (read_csv swallows the next lines)',
      `${SELLERS}\n"a,1,c,SP\nb,2,d,RJ\n`,
    ],
    ['a row with too few fields', `${SELLERS}\na,1,c\nb,2,d,RJ\n`],
    ['a row with too many fields', `${SELLERS}\na,1,c,SP,x\nb,2,d,RJ\n`],
    ['a last line cut short', `${SELLERS}\na,1,c,SP\nb,2`],
    ['a line of spaces', `${SELLERS}\na,1,c,SP\n  \nb,2,d,RJ\n`],
    ['mixed line ends', `${SELLERS}\na,1,c,SP\r\nb,2,d,RJ\rc,3,e,MG\n`],
    ['a column Bronze does not have (rescued)', `${SELLERS},note\na,1,c,SP,hello\n`],
    ['a header without rows', `${SELLERS}\n`],
  ];
  for (const [what, csv] of declined) {
    it(`leaves ${what} to our parser, and nothing behind`, async () => {
      await engine.exec('drop table if exists main.fast');
      const { rows } = await bothWays(text(csv));
      expect(rows).toBeNull();
      const left = await engine.query(
        `select table_name from duckdb_tables() where table_name = 'fast' or table_name like '__csv_reject%'`,
      );
      expect(left).toEqual([]);
    });
  }
});

describe('read_csv staging with external access disabled (as the app locks DuckDB down)', () => {
  it('reads registered buffers in the staging folder under the settings the engine boots with', async () => {
    const bytes = readFileSync(join(SAMPLE_DIR, 'olist_sellers_dataset.csv'));
    const content = decodeText(bytes);
    if (content.kind !== 'text') throw new Error('not text');
    const header = readHeader(content.bytes);
    const recognised = { ...header, recognition: header.recognition as RecognisedHeader };

    const { engine: locked } = await bootNodeEngine();
    expect(
      await locked.query(
        `select current_setting('enable_external_access') as external, current_setting('lock_configuration') as locked`,
      ),
    ).toEqual([{ external: false, locked: true }]);
    expect(await stageWithReadCsv(locked, content.bytes, recognised, 'main.s')).toBe(3_095);
    const staged = await stageOlistCsv(locked, 'olist_sellers_dataset.csv', bytes, 'main.s2');
    expect(staged.rows).toBe(3_095);
  });
});
