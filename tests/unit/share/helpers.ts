import { zipSync, type Zippable } from 'fflate';
import { exportLakehouse } from '../../../src/share/export-lakehouse';
import { importLakehouse, type ImportOptions, type ImportResult } from '../../../src/share/import-lakehouse';
import type { StreamingStorage } from '../../../src/lake/storage/streaming';
import { sha256Hex } from '../../../src/sources/landing/sha256';
import type { Lake } from '../../../src/lake/lake';

/** Where the tests write an export in storage. */
export const EXPORT_PATH = '.exports/lakehouse.zip';

/** Every stored file with its SHA-256: "what the storage holds", to compare before and after. */
export async function contentsOf(storage: StreamingStorage, folder = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await storage.list(folder))
    out[file.path] = await sha256Hex(await storage.read(file.path));
  return out;
}

/** The same, for the lakehouse's own folders only. */
export async function lakehouseContentsOf(storage: StreamingStorage): Promise<Record<string, string>> {
  return { ...(await contentsOf(storage, 'tables')), ...(await contentsOf(storage, 'landing')) };
}

/** A few tables with history (overwrite, append, partitions, a checkpoint) and landing files. */
export async function buildLakehouse(lake: Lake, storage: StreamingStorage): Promise<void> {
  await lake.write('silver.orders', {
    mode: 'overwrite',
    sql: `select * from (values ('o1', 10.50::decimal(18,2)), ('o2', 3.25::decimal(18,2))) t(order_id, amount)`,
  });
  for (let i = 0; i < 11; i++) {
    await lake.write('silver.orders', {
      mode: 'append',
      sql: `select 'n' || ?::varchar as order_id, ?::decimal(18,2) as amount`,
      params: [String(i), i],
    });
  }
  await lake.write('gold.daily', {
    mode: 'overwrite',
    partitionBy: ['d'],
    sql: `select * from (values (date '2018-01-01', 1), (date '2018-01-02', 2), (null::date, 3)) t(d, n)`,
  });
  await lake.deleteWhere('gold.daily', 'n = 2');
  await storage.write(
    'landing/olist/olist_orders_dataset.csv',
    new TextEncoder().encode('order_id\no1\no2\n'),
  );
  await storage.write('landing/events/batch-000001.jsonl', new TextEncoder().encode('{"event_id":"e1"}\n'));
  await storage.write('landing/_checkpoints/simulator.json', new TextEncoder().encode('{"seq":2}'));
}

/** Export the lakehouse of `storage` and return the zip's bytes. */
export async function exportedBytes(storage: StreamingStorage): Promise<Uint8Array> {
  await exportLakehouse(storage, { appVersion: 'test', target: EXPORT_PATH });
  const bytes = await storage.read(EXPORT_PATH);
  await storage.delete(EXPORT_PATH);
  return bytes;
}

/** Import options for tests: no other writers, nothing loaded to forget unless given. */
export function testImport(
  storage: StreamingStorage,
  bytes: Uint8Array,
  options: Partial<ImportOptions> = {},
  name = 'lakehouse.zip',
): Promise<ImportResult> {
  return importLakehouse(storage, new Blob([bytes as Uint8Array<ArrayBuffer>]), name, {
    replace: false,
    exclusive: (_folders, job) => job(),
    forget: async () => {},
    ...options,
  });
}

/** A zip made of the given entries (text or bytes), stored or deflated. */
export function zipOf(entries: Record<string, string | Uint8Array>, level: 0 | 6 = 6): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, value] of Object.entries(entries))
    zippable[name] = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  return zipSync(zippable, { level });
}

/** The entries of a zip, by name (for tests that take an export apart and rebuild it). */
export async function entriesOf(bytes: Uint8Array): Promise<Record<string, Uint8Array>> {
  const { unzipSync } = await import('fflate');
  return unzipSync(bytes);
}
