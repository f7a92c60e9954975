import * as Comlink from 'comlink';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorTransfer } from '../../../src/engine/comlink-errors';
import { isLakehouseError, isMissingTable, LakehouseError, SqlError } from '../../../src/engine/errors';
import { storageFull } from '../../../src/lake/storage/errors';
import { tableNotFound } from '../../../src/lake/errors';
import { notEmpty } from '../../../src/share/import-refused';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';

/** What the "worker" side throws: the errors the lake, the importer and DuckDB raise. */
function throwingApi(engine: DuckDbEngine) {
  return {
    async storageFull(): Promise<void> {
      throw storageFull('tables/gold/daily_sales/part-0.parquet', 500 * 1024 * 1024, 512 * 1024 * 1024);
    },
    async missingTable(): Promise<void> {
      throw tableNotFound('gold.nope');
    },
    async notEmpty(): Promise<void> {
      throw notEmpty('lake.zip', 3, 12);
    },
    async duckdb(): Promise<void> {
      await engine.query('select * from meta.quality_results');
    },
    async plain(): Promise<void> {
      throw new TypeError('x is not a function');
    },
  };
}

let engine: DuckDbEngine;
let port1: MessagePort;
let port2: MessagePort;
let remote: Comlink.Remote<ReturnType<typeof throwingApi>>;

beforeAll(async () => {
  ({ engine } = await bootNodeEngine());
  installErrorTransfer();
  ({ port1, port2 } = new MessageChannel());
  Comlink.expose(throwingApi(engine), port1 as unknown as Comlink.Endpoint);
  remote = Comlink.wrap(port2 as unknown as Comlink.Endpoint);
});

afterAll(() => {
  port1.close();
  port2.close();
});

async function caught(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('the call did not fail');
}

describe('errors across the worker boundary (real Comlink over a MessageChannel)', () => {
  it('keep their code, message and typed details', async () => {
    const error = await caught(remote.storageFull());
    expect(error).toBeInstanceOf(LakehouseError);
    expect(isLakehouseError(error, 'StorageFull')).toBe(true);
    if (!isLakehouseError(error, 'StorageFull')) return;
    expect(error.detail).toEqual({
      path: 'tables/gold/daily_sales/part-0.parquet',
      usedBytes: 500 * 1024 * 1024,
      quotaBytes: 512 * 1024 * 1024,
    });
    expect(error.message).toBe(
      'Storage is full while writing tables/gold/daily_sales/part-0.parquet: 500 MB of 512 MB used. ' +
        'Free space with VACUUM on large tables, delete old landing files, or reset the lakehouse.',
    );
  });

  it('keep the code of a subclass (an import refused), though not its class', async () => {
    const error = await caught(remote.notEmpty());
    expect(isLakehouseError(error, 'ImportRefused')).toBe(true);
    expect(isLakehouseError(error, 'StorageFull')).toBe(false);
    expect((error as LakehouseError<'ImportRefused'>).detail).toMatchObject({ file: 'lake.zip', tables: 3 });
  });

  it('keep DuckDB’s error as a SqlError with its statement and its kind', async () => {
    const error = await caught(remote.duckdb());
    expect(error).toBeInstanceOf(SqlError);
    expect((error as SqlError).sql).toBe('select * from meta.quality_results');
    expect((error as SqlError).kind).toBe('Catalog');
    expect(isMissingTable(error)).toBe(true);
  });

  it('tell a table that does not exist from other failures', async () => {
    expect(isMissingTable(await caught(remote.missingTable()))).toBe(true);
    expect(isMissingTable(await caught(remote.storageFull()))).toBe(false);
    expect(isMissingTable(await caught(remote.plain()))).toBe(false);
  });

  it('keep the name and message of an error that is not ours', async () => {
    const error = await caught(remote.plain());
    expect(error).toMatchObject({ name: 'TypeError', message: 'x is not a function' });
  });
});
