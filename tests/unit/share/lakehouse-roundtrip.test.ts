import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDbEngine } from '../../../src/engine/duckdb-engine';
import type { Lake } from '../../../src/lake/lake';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { runPipelineOnLake } from '../../../src/pipeline/run-pipeline';
import { SourceJob } from '../../../src/sources/ingest/source-job';
import { Sources } from '../../../src/sources/sources';
import { lakeFixture } from '../lake/helpers';
import { contentsOf, exportedBytes, lakehouseContentsOf, testImport } from './helpers';

const SAMPLE_DIR = join(__dirname, '../../fixtures/olist-sample');
const sampleFiles = () =>
  readdirSync(SAMPLE_DIR)
    .filter((name) => name.endsWith('.csv'))
    .map((name) => new File([readFileSync(join(SAMPLE_DIR, name))], name));

interface Side {
  engine: DuckDbEngine;
  lake: Lake;
  storage: MemoryStorage;
}

let exported: Side;
let imported: Side;

/** Row count and an order-independent hash of every row of a query, computed in DuckDB. */
async function fingerprint(side: Side, from: string): Promise<{ n: number; h: string }> {
  const [row] = await side.engine.query<{ n: number; h: string }>(
    `select count(*)::int as n, coalesce(sum(hash(t::varchar))::varchar, '0') as h from ${from} as t`,
  );
  return row;
}

beforeAll(async () => {
  const a = await lakeFixture({ storage: new MemoryStorage() });
  exported = { engine: a.engine, lake: a.lake, storage: a.storage as MemoryStorage };
  await new Sources(exported).ingestFiles(sampleFiles(), new SourceJob('test'));
  await runPipelineOnLake(exported.lake, exported.engine);

  const b = await lakeFixture({ storage: new MemoryStorage(), freshEngine: true });
  imported = { engine: b.engine, lake: b.lake, storage: b.storage as MemoryStorage };
  await testImport(imported.storage, await exportedBytes(exported.storage));
}, 300_000);

describe('a lakehouse exported and imported into an empty one', () => {
  it('has the same tables at the same versions', async () => {
    const versions = async (side: Side) =>
      Object.fromEntries((await side.lake.listTables()).map((t) => [t.name, t.version]));
    const expected = await versions(exported);
    expect(Object.keys(expected)).toContain('meta.model_runs');
    expect(Object.keys(expected)).toContain('gold.customer_rfm');
    expect(await versions(imported)).toEqual(expected);
  });

  it('has the same rows in every version of every table', async () => {
    let versions = 0;
    for (const { name } of await exported.lake.listTables()) {
      for (const { version } of await exported.lake.history(name)) {
        await exported.lake.loadVersion(name, { version }, 'main.at_version');
        await imported.lake.loadVersion(name, { version }, 'main.at_version');
        const expected = await fingerprint(exported, 'main.at_version');
        expect(await fingerprint(imported, 'main.at_version'), `${name} version ${version}`).toEqual(
          expected,
        );
        versions++;
      }
    }
    expect(versions).toBeGreaterThan(25);
  });

  it('runs the pipeline with nothing to do, and ingests the same files as already ingested: nothing is written', async () => {
    const before = await contentsOf(imported.storage);
    const run = await runPipelineOnLake(imported.lake, imported.engine);
    expect(run.status).toBe('up_to_date');
    expect(run.models.every((m) => m.status === 'up_to_date')).toBe(true);
    const reports = await new Sources(imported).ingestFiles(sampleFiles(), new SourceJob('test'));
    expect(reports.map((r) => r.status)).toEqual(Array(9).fill('already ingested'));
    expect(await contentsOf(imported.storage)).toEqual(before);
    expect(await lakehouseContentsOf(imported.storage)).toEqual(await lakehouseContentsOf(exported.storage));
  });
});
