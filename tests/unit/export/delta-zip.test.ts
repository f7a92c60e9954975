import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipDeltaTable } from '../../../src/export/delta-zip';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';

describe('Delta export as a zip', () => {
  it('holds the log and every data file under the table name, and leaves out interrupted writes', async () => {
    const storage = new MemoryStorage();
    const bytes = (text: string) => new TextEncoder().encode(text);
    await storage.write(
      'tables/silver/orders/_delta_log/00000000000000000000.json',
      bytes('{"protocol":{}}\n'),
    );
    await storage.write('tables/silver/orders/part-0001.parquet', bytes('PAR1 data PAR1'));
    await storage.write('tables/silver/orders/event_date=2018-01-01/part-0002.parquet', bytes('PAR1 p PAR1'));
    await storage.write('tables/silver/orders/part-0003.parquet.tmp-write-abc', bytes('half'));
    await storage.write('tables/silver/order_items/part-0001.parquet', bytes('other table'));

    const zip = unzipSync(await zipDeltaTable(storage, 'tables/silver/orders', 'silver.orders'));

    expect(Object.keys(zip).sort()).toEqual([
      'silver.orders/_delta_log/00000000000000000000.json',
      'silver.orders/event_date=2018-01-01/part-0002.parquet',
      'silver.orders/part-0001.parquet',
    ]);
    expect(new TextDecoder().decode(zip['silver.orders/part-0001.parquet'])).toBe('PAR1 data PAR1');
  });
});
