import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../src/node/boot-node';
import type { DuckDbEngine } from '../../src/engine/duckdb-engine';
import { STAGING_DIRECTORY } from '../../src/engine/types';

let engine: DuckDbEngine;

beforeAll(async () => {
  ({ engine } = await bootNodeEngine());
});

/** A DuckDB database file written by native DuckDB, as a user would bring one. */
async function duckdbFile(): Promise<Uint8Array> {
  const path = join(mkdtempSync(join(tmpdir(), 'isolation-')), 'shop.duckdb');
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run(`create table orders as select range as id, range * 1.5 as amount from range(3)`);
  connection.closeSync();
  instance.closeSync();
  return new Uint8Array(readFileSync(path));
}

describe('DuckDB with external access off and its configuration locked', () => {
  it('reads a registered CSV buffer with read_csv', async () => {
    const path = `${STAGING_DIRECTORY}upload-1/orders.csv`;
    engine.registerFileBuffer(path, new TextEncoder().encode('id,amount\n1,2.5\n2,4\n'));
    expect(
      await engine.query(`select id, amount from read_csv(?, header = true) order by id`, [path]),
    ).toEqual([
      { id: 1, amount: 2.5 },
      { id: 2, amount: 4 },
    ]);
    engine.dropFileBuffer(path);
  });

  it('attaches a registered DuckDB database file read-only', async () => {
    const path = `${STAGING_DIRECTORY}shop.duckdb`;
    engine.registerFileBuffer(path, await duckdbFile());
    await engine.exec(`attach '${path}' as shop (read_only)`);
    expect(await engine.query('select id, amount from shop.orders order by id')).toEqual([
      { id: 0, amount: 0 },
      { id: 1, amount: 1.5 },
      { id: 2, amount: 3 },
    ]);
    await expect(engine.exec('create table shop.x as select 1')).rejects.toThrow(/read-only mode/);
    await engine.exec('detach shop');
    engine.dropFileBuffer(path);
  });

  it('opens no file outside the staging folder: not on disk, not by a path that climbs out, not on the network', async () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'isolation-')), 'secret.csv');
    writeFileSync(outside, 'a\n1\n');
    for (const path of [outside, `${STAGING_DIRECTORY}../etc/passwd`, 'https://example.org/data.csv']) {
      await expect(engine.query(`select * from read_csv('${path}')`), path).rejects.toThrow(
        `Permission Error: Cannot access file "${path}" - file system operations are disabled by configuration`,
      );
    }
    await expect(engine.exec(`copy (select 1) to '${outside}.out'`)).rejects.toThrow(/Permission Error/);
  });

  it('cannot be switched back: the settings are locked', async () => {
    for (const setting of [
      'enable_external_access = true',
      'autoinstall_known_extensions = true',
      'autoload_known_extensions = true',
      "allowed_directories = ['/']",
    ]) {
      await expect(engine.exec(`set ${setting}`), setting).rejects.toThrow(
        /the configuration has been locked/,
      );
    }
    expect(
      await engine.query(
        `select current_setting('enable_external_access') as external, current_setting('lock_configuration') as locked`,
      ),
    ).toEqual([{ external: false, locked: true }]);
  });
});
