import { beforeAll, describe, expect, it } from 'vitest';
import { memoryService, type Service } from '../service/memory-service';
import { createTablesBackend } from '../../../src/ui/tables/create-tables-backend';
import { TablesModel } from '../../../src/ui/tables/TablesModel.svelte';

let service: Service;

beforeAll(async () => {
  service = await memoryService();
  // v0: two rows; v1: a third
  await service.lake.write('silver.t', {
    mode: 'overwrite',
    sql: `select * from (values (1, 'SP'), (2, 'RJ')) v(id, state)`,
  });
  await service.lake.write('silver.t', { mode: 'append', sql: `select 3 as id, 'MG' as state` });
});

const ids = (model: TablesModel) => model.preview?.rows.map((r) => r.id);

describe('the Tables screen model', () => {
  it('lists the tables and opens the first at its latest version, with its rows, files and columns', async () => {
    const model = new TablesModel(createTablesBackend(service));
    await model.refresh();
    expect(model.tables.map((t) => t.name)).toEqual(['silver.t']);
    expect([model.selected, model.version, model.error]).toEqual(['silver.t', 1, null]);
    expect(model.history.map((h) => h.version)).toEqual([1, 0]);
    expect(ids(model)).toEqual([1, 2, 3]);
    expect(model.files.length).toBeGreaterThan(0);
    expect(model.profile?.columns.map((c) => c.name)).toEqual(['id', 'state']);
  });

  it('says what went wrong when a version does not exist', async () => {
    const model = new TablesModel(createTablesBackend(service));
    await model.refresh();
    await model.showVersion(99);
    expect(model.busy).toBeNull();
    expect(model.error).toBe('silver.t has versions 0–1; version 99 does not exist');
  });

  it('shows an earlier version, and restoring it writes a new version with its rows', async () => {
    const model = new TablesModel(createTablesBackend(service));
    await model.refresh();
    await model.showVersion(0);
    expect([model.version, ids(model)]).toEqual([0, [1, 2]]);
    await model.restore(0);
    expect(model.message).toBe('silver.t restored to version 0: that is now version 2.');
    expect([model.version, ids(model), model.busy]).toEqual([2, [1, 2], null]);
  });

  it('says a restore is done only once the new version is the one shown, so Export takes it', async () => {
    const backend = createTablesBackend(service);
    const seen: [string | null, number | null][] = [];
    const watched: typeof backend = {
      ...backend,
      preview: (table, version) => {
        seen.push([model.message, model.version]);
        return backend.preview(table, version);
      },
    };
    const model = new TablesModel(watched);
    await model.refresh();
    await model.showVersion(0);
    seen.length = 0;
    await model.restore(0);
    const latest = model.version;
    expect(latest).toBe(model.history[0].version);
    expect(seen.every(([message, version]) => message === null || version === latest)).toBe(true);
    expect(seen.at(-1)).toEqual([null, latest]);
    expect(model.message).toBe(`silver.t restored to version 0: that is now version ${latest}.`);
  });
});
