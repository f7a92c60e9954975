import { bootNodeEngine } from '../../../src/node/boot-node';
import { Lake } from '../../../src/lake/lake';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { createLakehouseService } from '../../../src/service/lakehouse-service';

export type Service = ReturnType<typeof createLakehouseService>;

/** The worker's service in this process, over the real DuckDB-WASM and an empty lake in memory. */
export async function memoryService(): Promise<Service> {
  const { engine, parquet } = await bootNodeEngine();
  const storage = new MemoryStorage();
  const lake = new Lake({ engine, parquet, storage });
  return createLakehouseService(Promise.resolve({ engine, parquet, storage, lake }), performance.now());
}
