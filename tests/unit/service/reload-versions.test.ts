import { beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import type { ParquetCodec } from '../../../src/engine/parquet-codec';
import { Lake } from '../../../src/lake/lake';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import type { Storage } from '../../../src/lake/storage/types';
import { createLakehouseService } from '../../../src/service/lakehouse-service';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskStorage } from '../../../src/node/disk-storage';
import { GOLDEN_DIR, GOLDEN_TABLES } from '../lake/helpers';

/** Memory storage that keeps the path of every file read. */
class ReadRecordingStorage extends MemoryStorage {
  reads: string[] = [];
  override read(path: string): Promise<Uint8Array> {
    this.reads.push(path);
    return super.read(path);
  }
}

let engine: DuckDbEngine;
let parquet: ParquetCodec;
let storage: ReadRecordingStorage;

beforeAll(async () => {
  ({ engine, parquet } = await bootNodeEngine());
  storage = new ReadRecordingStorage();
  const before = new Lake({ engine, parquet, storage });
  await before.write('silver.orders', { mode: 'append', sql: `select 1 as id, 'a' as status` });
  await before.write('silver.orders', { mode: 'append', sql: `select 2 as id, 'b' as status` });
  await before.write('gold.daily_sales', {
    mode: 'overwrite',
    sql: `select date '2018-01-02' as order_date, 3 as orders`,
  });
});

/** The engine worker's service as a reload starts it: a new lake (nothing cached) over the stored tables. */
function reloaded(over: Storage) {
  const lake = new Lake({ engine, parquet, storage: over });
  return {
    lake,
    service: createLakehouseService(Promise.resolve({ engine, parquet, storage: over, lake }), 0),
  };
}

describe('a reload', () => {
  it('answers the commit subscription with every table version, reading no table log', async () => {
    const { service } = reloaded(storage);
    await service.admin.info(); // booted: the import recovery has looked for an interrupted swap
    storage.reads = [];
    const { versions } = await service.commits.subscribe(() => 0);
    expect(versions).toEqual({ 'gold.daily_sales': 0, 'silver.orders': 1 });
    expect(storage.reads).toEqual([]);
  });

  it('reads only the log and files of the table the first chart asks for', async () => {
    const { service } = reloaded(storage);
    await service.commits.subscribe(() => 0);
    storage.reads = [];
    const result = await service.lake.query('select sum(orders)::int as orders from gold.daily_sales');
    expect(result.rows).toEqual([{ orders: 3 }]);
    expect(storage.reads.length).toBeGreaterThan(0);
    expect(storage.reads.filter((path) => !path.startsWith('tables/gold/daily_sales/'))).toEqual([]);
  });

  it('gives the versions the full table listing gives, for tables written by Spark and delta-rs too', async () => {
    const { lake } = reloaded(goldenCopy());
    const listed = Object.fromEntries((await lake.listTables()).map((t) => [t.name, t.version]));
    expect(Object.keys(listed).length).toBeGreaterThan(10);
    expect(await lake.latestVersions()).toEqual(listed);
  });
});

/** The golden tables copied into a lake folder of their own (listings do not follow links). */
function goldenCopy(): DiskStorage {
  const root = mkdtempSync(join(tmpdir(), 'lake-golden-copy-'));
  for (const [table, folder] of Object.entries(GOLDEN_TABLES))
    cpSync(join(GOLDEN_DIR, folder), join(root, 'tables', 'golden', table.split('.')[1]), {
      recursive: true,
    });
  return new DiskStorage(root);
}
