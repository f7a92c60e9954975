import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { generateToLanding } from '../../../src/sources/generator/generate-to-landing';
import { OLIST_FILES } from '../../../src/sources/olist-files';

const NAMES = OLIST_FILES.map((f) => f.fileName);
const FIRST = ['olist_orders_dataset.csv', 'olist_customers_dataset.csv'];

/** Storage that logs each file landed, in one log with the generator's steps. */
class LoggedStorage extends MemoryStorage {
  readonly log: string[] = [];

  override async writeIfAbsent(path: string, bytes: Uint8Array): Promise<boolean> {
    this.log.push(`land ${path.split('/').pop()}`);
    return super.writeIfAbsent(path, bytes);
  }
}

/** Generate at scale 0.01 into a logged storage; the log holds "write", "land" and "told" lines. */
async function generateLogged(first?: string[]) {
  const storage = new LoggedStorage();
  const result = await generateToLanding(
    storage,
    { scale: 0.01, seed: 3, first },
    (p) => {
      if (p.step.startsWith('Writing ')) storage.log.push(`write ${p.step.slice('Writing '.length)}`);
    },
    (file) => storage.log.push(`told ${file.name}`),
  );
  return { storage, result };
}

describe('generating into the landing zone', () => {
  it('lands nothing until all nine files are built', async () => {
    const { storage, result } = await generateLogged();
    expect(storage.log).toEqual([
      ...NAMES.map((n) => `write ${n}`),
      ...NAMES.flatMap((n) => [`land ${n}`, `told ${n}`]),
    ]);
    expect(result.files.map((f) => f.name)).toEqual(NAMES);
  });

  it('lands each file named first as soon as it is built, and tells, before building the next; the rest once all are built', async () => {
    const { storage, result } = await generateLogged(FIRST);
    const rest = NAMES.filter((n) => !FIRST.includes(n));
    expect(storage.log).toEqual([
      ...FIRST.flatMap((n) => [`write ${n}`, `land ${n}`, `told ${n}`]),
      ...rest.map((n) => `write ${n}`),
      ...rest.flatMap((n) => [`land ${n}`, `told ${n}`]),
    ]);
    expect(result.files.map((f) => f.name)).toEqual([...FIRST, ...rest]);
    const landed = await storage.list('landing/olist');
    expect(landed.map((f) => f.path.split('/').pop()).sort()).toEqual([...NAMES].sort());
    const orders = result.files.find((f) => f.name === 'olist_orders_dataset.csv')!;
    expect(landed.find((f) => f.path === orders.path)?.size).toBe(orders.bytes);
  });
});
