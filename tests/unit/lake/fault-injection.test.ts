import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootNodeEngine } from '../../../src/node/boot-node';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import type { ParquetCodec } from '../../../src/engine/parquet-codec';
import { clearCommitCache } from '../../../src/lake/delta/log';
import { Lake } from '../../../src/lake/lake';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import type { Storage } from '../../../src/lake/storage/types';
import { recoverSwap, STAGING_FOLDER } from '../../../src/share/swap-in';
import { SourceJob } from '../../../src/sources/ingest/source-job';
import { LandingZone } from '../../../src/sources/landing/landing-zone';
import { Sources } from '../../../src/sources/sources';
import { exportedBytes, lakehouseContentsOf, testImport } from '../share/helpers';
import { cloneStorage, FaultyStorage } from './faulty-storage';
import { TestClock } from './helpers';

/**
 * Every fault point of every write: each operation runs once to count its storage calls, then
 * once per call k with the k-th call failing. After each: the previous version reads the same
 * rows, versions are contiguous with at most the one new version (whose rows are exactly the
 * operation's), what the failed write left is gone or listed by VACUUM DRY RUN, no scratch table
 * stays in DuckDB, and the next write — by the same lake, caches and all — succeeds.
 */

type Rows = Record<string, unknown>[];

interface Tab {
  lake: Lake;
  sources: Sources;
  storage: Storage;
  clock: TestClock;
}

interface Scenario {
  name: string;
  table: string;
  /** Build the state the operation starts from. */
  setup(tab: Tab): Promise<void>;
  /** Make the tab current before faults are armed (a tab that has been open a while). */
  warm?(tab: Tab): Promise<void>;
  operation(tab: Tab): Promise<unknown>;
  /** The next write after the fault; resolves with the rows it adds (for the check after it). */
  next(tab: Tab): Promise<void>;
  /** Ingestions: every landed line must be in the table exactly once after the next write. */
  exactlyOnce?: boolean;
  /** VACUUM makes no version. */
  noVersion?: boolean;
  /** The row the next write adds (lake writes). */
  nextRow?: Record<string, unknown>;
}

let engineA: DuckDbEngine; // the tab the faults happen in
let engineB: DuckDbEngine; // a fresh reader, as another tab opening the lake
let parquet: ParquetCodec;
const report: string[] = [];

beforeAll(async () => {
  ({ engine: engineA, parquet } = await bootNodeEngine());
  ({ engine: engineB } = await bootNodeEngine());
});

afterAll(() => {
  console.log(`Fault points tried (all held):\n${report.join('\n')}`);
});

async function resetEngine(engine: DuckDbEngine): Promise<void> {
  const schemas = await engine.query<{ name: string }>(
    `select schema_name as name from information_schema.schemata
     where catalog_name = current_database() and schema_name not in ('main', 'information_schema', 'pg_catalog')`,
  );
  for (const { name } of schemas) await engine.exec(`drop schema "${name}" cascade`);
  for (const { name } of await engine.query<{ name: string }>(
    `select table_name as name from duckdb_tables() where schema_name = 'main'`,
  ))
    await engine.exec(`drop table main."${name}"`);
}

async function tabOver(storage: Storage, engine: DuckDbEngine, clock = new TestClock()): Promise<Tab> {
  await resetEngine(engine);
  clearCommitCache();
  const lake = new Lake({ engine, parquet, storage, clock: clock.read });
  return { lake, storage, clock, sources: new Sources({ engine, lake, storage }) };
}

const job = () => new SourceJob('fault test');
const isBronze = (table: string) => table.startsWith('bronze.');

async function rowsAt(tab: Tab, table: string, version?: number): Promise<Rows> {
  const into = 'main.__fault_rows';
  await tab.lake.loadVersion(table, version === undefined ? undefined : { version }, into);
  const rows = await engineB.query(
    `select * ${isBronze(table) ? 'exclude (_ingested_at)' : ''} from ${into} order by all`,
  );
  await engineB.exec(`drop table ${into}`);
  return rows;
}

async function versionsOf(storage: MemoryStorage, table: string): Promise<number[]> {
  const log = `tables/${table.replace('.', '/')}/_delta_log`;
  return (await storage.list(log))
    .map((f) => /(\d{20})\.json$/.exec(f.path)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** What another tab sees: versions, rows of each, and files nobody needs that VACUUM does not list. */
async function inspect(storage: MemoryStorage, table: string, base: Set<string>) {
  const reader = await tabOver(storage, engineB);
  const versions = await versionsOf(storage, table);
  const latest = versions.length === 0 ? -1 : versions[versions.length - 1];
  const folder = `tables/${table.replace('.', '/')}/`;
  const live =
    latest < 0 ? new Set<string>() : new Set((await reader.lake.files(table)).map((f) => folder + f.path));
  const listed =
    latest < 0
      ? new Set<string>()
      : new Set((await reader.lake.vacuum(table, { dryRun: true })).files.map((f) => folder + f));
  const unaccounted = (await storage.list(folder))
    .map((f) => f.path)
    .filter((p) => !base.has(p) && !live.has(p) && !listed.has(p))
    // A commit, or a checkpoint (and its pointer) written after one: the log's own files.
    .filter((p) => !/_delta_log\/(\d{20}\.(json|checkpoint\.parquet)|_last_checkpoint)$/.test(p));
  return { reader, versions, latest, unaccounted };
}

/** Scratch tables the faulted tab's DuckDB still holds (loaded copies `__lake."layer.name"` are not scratch). */
async function scratchTables(): Promise<string[]> {
  const rows = await engineA.query<{ s: string; t: string }>(
    `select schema_name as s, table_name as t from duckdb_tables()
     where (schema_name = '__lake' and table_name not like '%.%') or (schema_name = 'main' and table_name like '\\_\\_%' escape '\\')`,
  );
  return rows.map((r) => `${r.s}.${r.t}`);
}

/** Each landed event line (by file) against the rows bronze.events holds for it. */
async function landedLinesVersusRows(storage: MemoryStorage, reader: Tab) {
  const lines: Record<string, number> = {};
  for (const batch of await new LandingZone(storage).eventBatches()) {
    const text = new TextDecoder().decode(await storage.read(batch.path));
    lines[batch.path] = text.split('\n').filter((l) => l.length > 0).length;
  }
  await reader.lake.ensureLoaded('bronze.events');
  const rows = await engineB.query<{ f: string; n: number }>(
    'select _source_file as f, count(*)::int as n from bronze.events group by 1',
  );
  return { lines, rows: Object.fromEntries(rows.map((r) => [r.f, r.n])) };
}

const T = 'silver.t';
const twoFiles = async (tab: Tab) => {
  await tab.lake.write(T, { sql: 'select i as id, i * 10 as v from range(5) t(i)', mode: 'append' });
  await tab.lake.write(T, { sql: 'select i as id, i * 10 as v from range(5, 10) t(i)', mode: 'append' });
};
const appendOne = async (tab: Tab) => {
  await tab.lake.write(T, { sql: 'select 999 as id, 999 as v', mode: 'append' });
};
const warmTable = async (tab: Tab) => {
  await tab.lake.ensureLoaded(T);
};

const SELLERS = new TextEncoder().encode(
  'seller_id,seller_zip_code_prefix,seller_city,seller_state\ns1,01001,sao paulo,SP\ns2,13023,campinas,SP\ns3,80010,curitiba,PR\n',
);
const event = (id: string) =>
  `{"event_id":"${id}","event_type":"page_view","event_ts":"2017-10-02T10:56:33.000Z","session_id":"s1","user_id":null,"product_id":null,"order_id":null,"device":"mobile","channel":"organic","page":"/"}\n`;
const batch = (ids: string[]) => new TextEncoder().encode(ids.map(event).join(''));

const SCENARIOS: Scenario[] = [
  {
    name: 'append',
    table: T,
    setup: twoFiles,
    warm: warmTable,
    operation: (tab) =>
      tab.lake.write(T, { sql: 'select i as id, i * 10 as v from range(10, 13) t(i)', mode: 'append' }),
    next: appendOne,
  },
  {
    name: 'append (three partition files)',
    table: 'silver.p',
    setup: async (tab) => {
      await tab.lake.write('silver.p', {
        sql: `select i as id, ['a', 'b', 'c'][i % 3 + 1] as part from range(6) t(i)`,
        mode: 'append',
        partitionBy: ['part'],
      });
    },
    warm: async (tab) => {
      await tab.lake.ensureLoaded('silver.p');
    },
    operation: (tab) =>
      tab.lake.write('silver.p', {
        sql: `select i as id, ['a', 'b', 'c'][i % 3 + 1] as part from range(6, 12) t(i)`,
        mode: 'append',
      }),
    next: async (tab) => {
      await tab.lake.write('silver.p', { sql: `select 999 as id, 'a' as part`, mode: 'append' });
    },
    nextRow: { id: 999, part: 'a' },
  },
  {
    name: 'overwrite',
    table: T,
    setup: twoFiles,
    warm: warmTable,
    operation: (tab) =>
      tab.lake.write(T, { sql: 'select i as id, -i as v from range(100, 103) t(i)', mode: 'overwrite' }),
    next: appendOne,
  },
  {
    name: 'MERGE',
    table: T,
    setup: twoFiles,
    warm: warmTable,
    operation: (tab) =>
      tab.lake.merge(T, { sourceSql: 'select * from (values (5, 555), (20, 200)) s(id, v)', keys: ['id'] }),
    next: appendOne,
  },
  {
    name: 'DELETE',
    table: T,
    setup: twoFiles,
    warm: warmTable,
    operation: (tab) => tab.lake.deleteWhere(T, 'id < 3'),
    next: appendOne,
  },
  {
    name: 'UPDATE',
    table: T,
    setup: twoFiles,
    warm: warmTable,
    operation: (tab) => tab.lake.update(T, 'v = v + 1000', 'id >= 8'),
    next: appendOne,
  },
  {
    name: 'OPTIMIZE',
    table: T,
    setup: twoFiles,
    warm: warmTable,
    operation: (tab) => tab.lake.optimize(T),
    next: appendOne,
  },
  {
    name: 'RESTORE',
    table: T,
    setup: twoFiles,
    warm: warmTable,
    operation: (tab) => tab.lake.restore(T, { version: 0 }),
    next: appendOne,
  },
  {
    name: 'VACUUM',
    table: T,
    setup: async (tab) => {
      await tab.lake.write(T, { sql: 'select i as id, i as v from range(5) t(i)', mode: 'append' });
      await tab.lake.write(T, { sql: 'select i as id, i as v from range(3) t(i)', mode: 'overwrite' });
      tab.clock.advanceHours(200);
      await tab.lake.write(T, { sql: 'select 7 as id, 7 as v', mode: 'append' });
      await tab.storage.write('tables/silver/t/part-00009-orphan-c000.zstd.parquet', new Uint8Array(64));
    },
    warm: async (tab) => {
      tab.clock.advanceHours(200);
      await warmTable(tab);
    },
    operation: (tab) => tab.lake.vacuum(T),
    next: async (tab) => {
      await tab.lake.vacuum(T);
      await appendOne(tab);
    },
    noVersion: true,
  },
  {
    name: 'checkpoint (the 10th version)',
    table: T,
    setup: async (tab) => {
      for (let i = 0; i < 10; i++)
        await tab.lake.write(T, { sql: `select ${i} as id, ${i} as v`, mode: 'append' });
    },
    warm: warmTable,
    operation: (tab) => tab.lake.write(T, { sql: 'select 10 as id, 10 as v', mode: 'append' }),
    next: appendOne,
  },
  {
    name: 'Olist upload',
    table: 'bronze.olist_sellers',
    setup: async () => {},
    operation: (tab) => tab.sources.ingestFiles([new File([SELLERS], 'olist_sellers_dataset.csv')], job()),
    next: async (tab) => {
      await tab.sources.ingestLanding(job());
      const [again] = await tab.sources.ingestFiles(
        [new File([SELLERS], 'olist_sellers_dataset.csv')],
        job(),
      );
      expect(again.status === 'already ingested' || again.status === 'ingested').toBe(true);
    },
  },
  {
    name: 'events ingest',
    table: 'bronze.events',
    setup: async (tab) => {
      const landing = new LandingZone(tab.storage);
      await landing.landEventBatch(1, batch(['e1', 'e2']));
      await tab.sources.ingestLanding(job());
      await landing.landEventBatch(2, batch(['e3', 'e3', 'e4']));
      await landing.landEventBatch(3, batch(['e5']));
    },
    operation: (tab) => tab.sources.ingestLanding(job()),
    next: async (tab) => {
      await tab.sources.ingestLanding(job());
    },
    exactlyOnce: true,
  },
];

/** The lake operations again in a tab that has just opened the lake: its reads of the log and files fail too. */
const COLD = SCENARIOS.filter((s) => s.warm && s.table === T).map((s) => ({
  ...s,
  name: `${s.name} (tab just opened)`,
  warm: s.name === 'VACUUM' ? async (tab: Tab) => tab.clock.advanceHours(200) : undefined,
}));

describe('every fault point of every write holds', () => {
  for (const scenario of [...SCENARIOS, ...COLD]) {
    it(`${scenario.name}: the k-th storage call fails, for every k`, async () => {
      const base = new MemoryStorage();
      await scenario.setup(await tabOver(base, engineA));
      const baseFiles = new Set((await base.list('')).map((f) => f.path));
      const before = (await versionsOf(base, scenario.table)).at(-1) ?? -1;
      const baseRows = before < 0 ? [] : await rowsAt(await tabOver(base, engineB), scenario.table);

      // The fault-free run: how many storage calls, and what the operation makes.
      const run = async (failAt: number) => {
        const copy = await cloneStorage(base);
        const storage = new FaultyStorage(copy);
        const tab = await tabOver(storage, engineA);
        await scenario.warm?.(tab);
        storage.calls = 0;
        storage.log.length = 0;
        storage.failAt = failAt;
        const outcome = await scenario.operation(tab).then(
          () => 'resolved',
          (error: unknown) => (error as Error).message,
        );
        const calls = storage.calls;
        storage.failAt = 0;
        return { copy, storage, tab, outcome, calls };
      };
      const clean = await run(0);
      expect(clean.outcome).toBe('resolved');
      const points = clean.calls;
      const target = scenario.noVersion ? before : before + 1;
      const afterRows = await rowsAt(await tabOver(clean.copy, engineB), scenario.table);
      expect(points).toBeGreaterThan(0);

      for (let k = 1; k <= points; k++) {
        const { copy, storage, tab, outcome } = await run(k);
        const where = `${scenario.name}, fault at call ${k} of ${points} (${storage.log[k - 1]}): ${outcome}`;
        const seen = await inspect(copy, scenario.table, baseFiles);
        // No version missing, none doubled, at most the one this operation makes.
        expect(seen.versions, where).toEqual(Array.from({ length: seen.latest + 1 }, (_, i) => i));
        expect([before, target], where).toContain(seen.latest);
        if (seen.latest >= 0) {
          expect(await rowsAt(seen.reader, scenario.table), where).toEqual(
            seen.latest === before ? baseRows : afterRows,
          );
          if (before >= 0 && seen.latest !== before)
            expect(await rowsAt(seen.reader, scenario.table, before), where).toEqual(baseRows);
        }
        expect(seen.unaccounted, where).toEqual([]);
        expect(await scratchTables(), where).toEqual([]);

        // The next write, by the same tab, succeeds; another tab reads what it wrote, and so does this one.
        await scenario.next(tab);
        const then = await inspect(copy, scenario.table, baseFiles);
        expect(then.versions, where).toEqual(Array.from({ length: then.latest + 1 }, (_, i) => i));
        // An ingestion whose files are all in already commits nothing; a lake write always commits.
        if (isBronze(scenario.table)) expect(then.latest, where).toBeGreaterThanOrEqual(seen.latest);
        else expect(then.latest, where).toBeGreaterThan(seen.latest);
        const fresh = await rowsAt(then.reader, scenario.table);
        if (scenario.exactlyOnce) {
          const { lines, rows } = await landedLinesVersusRows(copy, then.reader);
          expect(rows, where).toEqual(lines);
        } else if (!isBronze(scenario.table)) {
          const expected = seen.latest === before ? baseRows : afterRows;
          const byText = (rows: Rows) =>
            [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
          expect(byText(fresh), where).toEqual(
            byText([...expected, scenario.nextRow ?? { id: 999, v: 999 }]),
          );
        } else {
          expect(fresh, where).toEqual(afterRows);
        }
        await tab.lake.ensureLoaded(scenario.table);
        const own = await engineA.query(
          `select * ${isBronze(scenario.table) ? 'exclude (_ingested_at)' : ''} from ${scenario.table} order by all`,
        );
        expect(own, where).toEqual(fresh);
      }
      report.push(`  ${scenario.name}: ${points} fault points`);
    });
  }
});

describe('every fault point of a lakehouse import holds', () => {
  it('lakehouse import (replacing a lakehouse that holds data): the k-th storage call fails, for every k', async () => {
    // The lakehouse in the zip: two tables (one partitioned, with a delete) and a landed batch.
    const source = new MemoryStorage();
    const exporter = await tabOver(source, engineA);
    await twoFiles(exporter);
    await exporter.lake.write('gold.daily', {
      sql: `select * from (values (date '2018-01-01', 1), (date '2018-01-02', 2)) t(d, n)`,
      mode: 'overwrite',
      partitionBy: ['d'],
    });
    await exporter.lake.deleteWhere('gold.daily', 'n = 2');
    await new LandingZone(source).landEventBatch(1, batch(['z1']));
    const zip = await exportedBytes(source);
    const imported = await lakehouseContentsOf(source);
    // The lakehouse it replaces: its own table and landed file.
    const base = new MemoryStorage();
    const owner = await tabOver(base, engineA);
    await owner.lake.write('silver.mine', { sql: 'select 1 as id', mode: 'append' });
    await new LandingZone(base).landEventBatch(1, batch(['m1']));
    const old = await lakehouseContentsOf(base);

    const run = async (failAt: number) => {
      const copy = await cloneStorage(base);
      const storage = new FaultyStorage(copy);
      storage.failAt = failAt;
      const outcome = await testImport(storage, zip, { replace: true }).then(
        () => 'resolved',
        (error: unknown) => (error as Error).message,
      );
      const calls = storage.calls;
      storage.failAt = 0;
      return { copy, storage, outcome, calls };
    };
    const clean = await run(0);
    expect(clean.outcome).toBe('resolved');
    expect(await lakehouseContentsOf(clean.copy)).toEqual(imported);
    const points = clean.calls;
    expect(points).toBeGreaterThan(0);

    for (let k = 1; k <= points; k++) {
      const { copy, storage, outcome } = await run(k);
      const where = `lakehouse import, fault at call ${k} of ${points} (${storage.log[k - 1]}): ${outcome}`;
      // The lakehouse is the old one or the imported one, never a mix; a resolved import is the new one.
      const seen = await lakehouseContentsOf(copy);
      expect([old, imported], where).toContainEqual(seen);
      if (outcome === 'resolved') expect(seen, where).toEqual(imported);
      // The next start finishes or undoes what a failed swap left, and deletes every staged file.
      await recoverSwap(copy);
      const recovered = await lakehouseContentsOf(copy);
      expect([old, imported], where).toContainEqual(recovered);
      expect(await copy.list(STAGING_FOLDER), where).toEqual([]);
      // Another tab reads the tables of whichever lakehouse it is.
      const reader = await tabOver(copy, engineB);
      if (isDeepStrictEqual(recovered, old))
        expect(await rowsAt(reader, 'silver.mine'), where).toEqual([{ id: 1 }]);
      else expect(await rowsAt(reader, T), where).toEqual(await rowsAt(await tabOver(source, engineB), T));
      // The next import succeeds, and so does the next write into what it brought in.
      await testImport(storage, zip, { replace: true });
      expect(await lakehouseContentsOf(copy), where).toEqual(imported);
      const writer = await tabOver(storage, engineA);
      await appendOne(writer);
      expect((await rowsAt(await tabOver(copy, engineB), T)).length, where).toBe(11);
    }
    report.push(`  lakehouse import: ${points} fault points`);
  });
});
