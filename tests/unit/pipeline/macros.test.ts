import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import { bootNodeEngine } from '../../../src/node/boot-node';
import { NativeDuckDbEngine } from '../../../src/node/native-engine';
import macrosSql from '../../../src/pipeline/macros.sql?raw';

// Three deliveries of key a/1 (the second file is the latest), a/2 once, and rows with a key part
// missing, which are all kept for the models' not_null checks to quarantine.
const DELIVERIES = `select * from (values
    ('a', 1, timestamp '2018-01-01 10:00:00', 'orders_1.csv', 'first'),
    ('a', 1, timestamp '2018-01-02 10:00:00', 'orders_2.csv', 'latest'),
    ('a', 1, timestamp '2018-01-02 10:00:00', 'orders_0.csv', 'same time, smaller name'),
    ('a', 2, null, 'orders_3.csv', 'once'),
    (null, 1, null, 'orders_4.csv', 'no id'),
    (null, 1, null, 'orders_5.csv', 'no id again'),
    ('b', null, null, 'orders_6.csv', 'no item'),
    ('b', null, null, 'orders_7.csv', 'no item again')
  ) as v(order_id, order_item_id, _ingested_at, _source_file, label)`;

const kept = (qualify: string) =>
  `with deliveries as (${DELIVERIES}) select label from deliveries qualify ${qualify} order by label`;

let engine: DuckDbEngine;
let native: NativeDuckDbEngine;

beforeAll(async () => {
  engine = (await bootNodeEngine()).engine;
  await engine.exec(macrosSql);
  native = await NativeDuckDbEngine.open();
  await native.exec(macrosSql);
});

afterAll(() => native.close());

describe.each([
  ['DuckDB-WASM', () => (sql: string) => engine.query(sql)],
  ['native DuckDB', () => (sql: string) => native.query(sql)],
])('the dedupe macros on %s', (_engine, queryOn) => {
  const labels = async (qualify: string) => (await queryOn()(kept(qualify))).map((row) => row.label);

  it('latest_delivery_of keeps the latest delivery of each key, then the greatest file name', async () => {
    expect(await labels('latest_delivery_of(order_id, order_item_id)')).toEqual([
      'latest',
      'no id',
      'no id again',
      'no item',
      'no item again',
      'once',
    ]);
  });

  it('latest_delivery_of keys on one column when given one', async () => {
    expect(await labels('latest_delivery_of(order_id)')).toEqual([
      'latest',
      'no id',
      'no id again',
      'no item again',
    ]);
  });

  it('first_delivery_of keeps the first delivery of each key and every row without one', async () => {
    expect(await labels('first_delivery_of(order_id)')).toEqual(['first', 'no id', 'no id again', 'no item']);
  });
});
