import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { recoverSwap, STAGING_FOLDER } from '../../../src/share/swap-in';
import { cloneStorage, FaultyStorage, InjectedFault } from '../lake/faulty-storage';
import { lakeFixture } from '../lake/helpers';
import { buildLakehouse, contentsOf, exportedBytes, lakehouseContentsOf, testImport } from './helpers';

let zipBytes: Uint8Array;
/** The lakehouse the zip holds, file by file (path → SHA-256). */
let imported: Record<string, string>;
/** A lakehouse with data of its own, which the import replaces. */
let base: MemoryStorage;
let old: Record<string, string>;

beforeAll(async () => {
  const source = new MemoryStorage();
  const { lake } = await lakeFixture({ storage: source });
  await buildLakehouse(lake, source);
  zipBytes = await exportedBytes(source);
  imported = await lakehouseContentsOf(source);
  base = new MemoryStorage();
  const { lake: own } = await lakeFixture({ storage: base });
  await own.write('silver.mine', { mode: 'overwrite', sql: `select 'mine' as id, 1 as n` });
  await base.write('landing/olist/mine.csv', new TextEncoder().encode('order_id\nmine\n'));
  old = await lakehouseContentsOf(base);
});

/** Which lakehouse the storage holds now: the old one, the imported one, or (a bug) a mix. */
async function stateOf(storage: MemoryStorage): Promise<'old' | 'imported' | string> {
  const now = await lakehouseContentsOf(storage);
  if (JSON.stringify(now) === JSON.stringify(old)) return 'old';
  if (JSON.stringify(now) === JSON.stringify(imported)) return 'imported';
  return `a mix: ${Object.keys(now).sort().join(', ')}`;
}

describe('an import whose storage fails at one call', () => {
  it('at every call of the import (staging, journal, moves, clean-up), fails with that error and leaves the old lakehouse, or succeeds; the next start changes neither, and a retry imports', async () => {
    const probe = new FaultyStorage(await cloneStorage(base));
    await testImport(probe, zipBytes, { replace: true });
    const total = probe.calls;
    expect(await stateOf(probe.inner)).toBe('imported');
    expect(total).toBeGreaterThan(3 * Object.keys(imported).length);

    const outcomes = { failed: 0, succeeded: 0 };
    for (let failAt = 1; failAt <= total; failAt++) {
      const storage = new FaultyStorage(await cloneStorage(base));
      storage.failAt = failAt;
      const where = () => `fault at call ${failAt} of ${total}: ${storage.log[failAt - 1]}`;
      const result = await testImport(storage, zipBytes, { replace: true }).then(
        () => null,
        (error: unknown) => error,
      );
      if (result === null) {
        outcomes.succeeded++;
        expect(await stateOf(storage.inner), where()).toBe('imported');
      } else {
        outcomes.failed++;
        expect(result, where()).toBeInstanceOf(InjectedFault);
        expect(await stateOf(storage.inner), where()).toBe('old');
      }
      // The next start (recovery before the engine serves anything) keeps what is there and tidies up.
      const state = await stateOf(storage.inner);
      await recoverSwap(storage);
      expect(await stateOf(storage.inner), where()).toBe(state);
      expect(await storage.inner.list(STAGING_FOLDER), where()).toEqual([]);
      await testImport(storage, zipBytes, { replace: true });
      expect(await stateOf(storage.inner), where()).toBe('imported');
    }
    // Clean-up after the swap (deleting the journal and the moved-aside files) does not fail an import that happened.
    expect(outcomes.failed).toBeGreaterThan(0);
    expect(outcomes.succeeded).toBeGreaterThan(0);
  });
});

/**
 * Memory storage whose `failAt`-th move fails and which stops answering (the tab was closed) at
 * its `closeAt`-th move: a tab closed while a failed import puts everything back.
 */
class FailsThenCloses extends MemoryStorage {
  moves = 0;
  failAt = Number.POSITIVE_INFINITY;
  closeAt = Number.POSITIVE_INFINITY;
  override async move(from: string, to: string): Promise<void> {
    this.moves++;
    if (this.moves === this.failAt) throw new Error(`move ${from} failed`);
    if (this.moves >= this.closeAt) return new Promise(() => {});
    return super.move(from, to);
  }
}

describe('a tab closed while a failed import puts the old lakehouse back', () => {
  it('leaves a lakehouse the next start makes whole: the old one or the imported one, never a mix', async () => {
    const oldFiles = Object.keys(old).length;
    const newFiles = Object.keys(imported).length;
    // Fail while moving the imported files in (first, middle, last), then close at every move of the way back.
    for (const failAt of [oldFiles + 1, oldFiles + Math.ceil(newFiles / 2), oldFiles + newFiles]) {
      const movesBack = failAt - oldFiles - 1 + oldFiles;
      for (let closeAt = failAt + 1; closeAt <= failAt + movesBack; closeAt++) {
        const storage = new FailsThenCloses();
        for (const [path] of Object.entries(old)) await storage.write(path, await base.read(path));
        storage.failAt = failAt;
        storage.closeAt = closeAt;
        void testImport(storage, zipBytes, { replace: true }).catch(() => {});
        for (let i = 0; i < 500 && storage.moves < closeAt; i++) await new Promise((r) => setTimeout(r, 5));
        expect(storage.moves, `failing at move ${failAt}, closed at ${closeAt}`).toBe(closeAt);
        storage.closeAt = Number.POSITIVE_INFINITY;
        storage.failAt = Number.POSITIVE_INFINITY;
        await recoverSwap(storage);
        expect(
          ['old', 'imported'],
          `failing at move ${failAt}, closed at ${closeAt}: ${await stateOf(storage)}`,
        ).toContain(await stateOf(storage));
        expect(await contentsOf(storage, STAGING_FOLDER)).toEqual({});
      }
    }
  });
});
