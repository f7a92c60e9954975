import { beforeEach, describe, expect, it } from 'vitest';
import { failure, lakeFixture, type LakeFixture } from './helpers';

let fx: LakeFixture;

/** Addresses of customers as their orders show them, one row per order. */
const orders = (rows: string) =>
  `select customer_unique_id, zip_prefix, city, purchase_ts::timestamp as purchase_ts
   from (values ${rows}) t(customer_unique_id, zip_prefix, city, purchase_ts)`;

const OPTIONS = {
  keys: ['customer_unique_id'],
  tracked: ['zip_prefix', 'city'],
  effectiveColumn: 'purchase_ts',
};

async function dim(): Promise<unknown[]> {
  await fx.lake.ensureLoaded('silver.dim_customer');
  return fx.engine.query(
    `select customer_unique_id as id, city, valid_from, valid_to, is_current from silver.dim_customer order by id, valid_from`,
  );
}

beforeEach(async () => {
  fx = await lakeFixture();
});

describe('SCD type 2 merge', () => {
  it('builds versions from history: A → B → A is three rows, repeats of the same address are one', async () => {
    const commit = await fx.lake.scd2('silver.dim_customer', {
      ...OPTIONS,
      sourceSql: orders(`
        ('u1', '01001', 'sao paulo', '2017-01-05 10:00:00'),
        ('u1', '01001', 'sao paulo', '2017-02-01 09:00:00'),
        ('u1', '20000', 'rio', '2017-06-01 12:00:00'),
        ('u1', '01001', 'sao paulo', '2018-01-01 08:00:00'),
        ('u2', '80000', 'curitiba', '2017-03-03 03:03:03')`),
    });
    expect(commit).toMatchObject({ version: 0, operation: 'MERGE', metrics: { numTargetRowsInserted: 4 } });
    expect(await dim()).toEqual([
      {
        id: 'u1',
        city: 'sao paulo',
        valid_from: '2017-01-05 10:00:00',
        valid_to: '2017-06-01 12:00:00',
        is_current: false,
      },
      {
        id: 'u1',
        city: 'rio',
        valid_from: '2017-06-01 12:00:00',
        valid_to: '2018-01-01 08:00:00',
        is_current: false,
      },
      { id: 'u1', city: 'sao paulo', valid_from: '2018-01-01 08:00:00', valid_to: null, is_current: true },
      { id: 'u2', city: 'curitiba', valid_from: '2017-03-03 03:03:03', valid_to: null, is_current: true },
    ]);
    const types = await fx.engine.query('describe silver.dim_customer');
    expect(types.map((t) => `${t.column_name} ${t.column_type}`)).toEqual([
      'customer_unique_id VARCHAR',
      'zip_prefix VARCHAR',
      'city VARCHAR',
      'valid_from TIMESTAMP',
      'valid_to TIMESTAMP',
      'is_current BOOLEAN',
    ]);
  });

  it('closes the current row when a tracked value changes, and opens a new one', async () => {
    await fx.lake.scd2('silver.dim_customer', {
      ...OPTIONS,
      sourceSql: orders(
        `('u1', '01001', 'sao paulo', '2017-01-05 10:00:00'), ('u2', '80000', 'curitiba', '2017-03-03 03:03:03')`,
      ),
    });
    const commit = await fx.lake.scd2('silver.dim_customer', {
      ...OPTIONS,
      sourceSql: orders(
        `('u1', '20000', 'rio', '2018-05-05 05:05:05'), ('u2', '80000', 'curitiba', '2018-06-06 06:06:06')`,
      ),
    });
    expect(commit.metrics).toMatchObject({
      numSourceRows: 2,
      numTargetRowsInserted: 1,
      numTargetRowsUpdated: 1,
    });
    expect(await dim()).toEqual([
      {
        id: 'u1',
        city: 'sao paulo',
        valid_from: '2017-01-05 10:00:00',
        valid_to: '2018-05-05 05:05:05',
        is_current: false,
      },
      { id: 'u1', city: 'rio', valid_from: '2018-05-05 05:05:05', valid_to: null, is_current: true },
      { id: 'u2', city: 'curitiba', valid_from: '2017-03-03 03:03:03', valid_to: null, is_current: true },
    ]);
  });

  it('writes nothing when no tracked value changed, and nothing when the same source runs again', async () => {
    const source = orders(
      `('u1', '01001', 'sao paulo', '2017-01-05 10:00:00'), ('u1', '20000', 'rio', '2017-06-01 12:00:00')`,
    );
    await fx.lake.scd2('silver.dim_customer', { ...OPTIONS, sourceSql: source });
    const again = await fx.lake.scd2('silver.dim_customer', { ...OPTIONS, sourceSql: source });
    expect(again).toMatchObject({ version: 0, skipped: true });
    const same = await fx.lake.scd2('silver.dim_customer', {
      ...OPTIONS,
      sourceSql: orders(`('u1', '20000', 'rio', '2019-01-01 00:00:00')`),
    });
    expect(same).toMatchObject({ version: 0, skipped: true });
    expect(await fx.lake.latestVersion('silver.dim_customer')).toBe(0);
  });

  it('refuses a source with a column SCD2 adds, and a table with other columns', async () => {
    expect(
      await failure(
        fx.lake.scd2('silver.dim_customer', {
          ...OPTIONS,
          sourceSql: `select 'u1' as customer_unique_id, '1' as zip_prefix, 'x' as city, timestamp '2017-01-01' as purchase_ts, true as is_current`,
        }),
      ),
    ).toEqual({
      name: 'ReservedColumn',
      message: 'The source of silver.dim_customer has a column is_current; SCD2 adds it itself',
    });
    await fx.lake.write('silver.dim_customer', { sql: 'select 1 as other', mode: 'append' });
    expect(
      await failure(
        fx.lake.scd2('silver.dim_customer', {
          ...OPTIONS,
          sourceSql: orders(`('u1', '1', 'x', '2017-01-01')`),
        }),
      ),
    ).toEqual({
      name: 'SchemaMismatch',
      message:
        'silver.dim_customer has columns (other), but an SCD2 merge of this source needs (customer_unique_id, zip_prefix, city, ' +
        'valid_from, valid_to, is_current). Select the same columns as when the table was created.',
    });
  });

  it('names a tracked column the source does not have', async () => {
    expect(
      await failure(
        fx.lake.scd2('silver.dim_customer', {
          ...OPTIONS,
          tracked: ['state'],
          sourceSql: orders(`('u1', '1', 'x', '2017-01-01')`),
        }),
      ),
    ).toEqual({
      name: 'ColumnNotFound',
      message:
        'The source of silver.dim_customer has no column "state" (its columns: customer_unique_id, zip_prefix, city, purchase_ts)',
    });
  });
});
