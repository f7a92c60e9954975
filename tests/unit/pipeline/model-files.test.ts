import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelsFromFiles } from '../../../src/pipeline/model-files';
import { MODELS } from '../../../src/pipeline/registry';

const PIPELINE = new URL('../../../src/pipeline/', import.meta.url);

/** The files of a layer folder on disk, `silver/orders.sql`, ending in `extension`. */
const filesOf = (extension: string) =>
  ['silver', 'gold'].flatMap((layer) =>
    readdirSync(new URL(`${layer}/`, PIPELINE))
      .filter((file) => file.endsWith(extension) && !file.endsWith('.fixture.ts'))
      .map((file) => `${layer}/${file}`),
  );

const contract = { grain: 'one row per parcel_id', expectations: [] };

describe('models found by their files', () => {
  it('registers exactly one model for every .sql file of the layer folders, and no other', () => {
    const fromDisk = filesOf('.sql').map((path) => path.replace('/', '.').replace(/\.sql$/, ''));
    expect(MODELS.map((m) => m.name).sort()).toEqual(fromDisk.sort());
    expect(new Set(MODELS.map((m) => m.name)).size).toBe(MODELS.length);
    expect(fromDisk).toHaveLength(20);
  });

  it('gives each model the SQL of its .sql file and a declaration from the .ts beside it', () => {
    expect(
      filesOf('.ts')
        .map((path) => path.replace(/\.ts$/, '.sql'))
        .sort(),
    ).toEqual(filesOf('.sql').sort());
    for (const model of MODELS) {
      const sql = readFileSync(new URL(`${model.name.replace('.', '/')}.sql`, PIPELINE), 'utf8');
      expect(model.sql, model.name).toBe(sql);
      expect(model.grain, model.name).toMatch(/^one row per /);
    }
  });

  it('lists Silver then Gold, each by name', () => {
    const names = MODELS.map((m) => m.name);
    const silver = names.filter((name) => name.startsWith('silver.'));
    const gold = names.filter((name) => name.startsWith('gold.'));
    expect(names).toEqual([...[...silver].sort(), ...[...gold].sort()]);
  });

  it('names a model by its folder and file', () => {
    const [model] = modelsFromFiles(
      { './gold/parcel_days.sql': 'select * from silver.parcels' },
      { './gold/parcel_days.ts': contract },
    );
    expect([model.name, model.layer, model.inputs]).toEqual(['gold.parcel_days', 'gold', ['silver.parcels']]);
  });

  it('refuses a .sql without its declaration and a declaration without its .sql, naming the file', () => {
    expect(() => modelsFromFiles({ './silver/parcels.sql': 'select 1 as parcel_id' }, {})).toThrow(
      './silver/parcels.sql has no ./silver/parcels.ts beside it',
    );
    expect(() =>
      modelsFromFiles(
        { './silver/parcels.sql': 'select 1 as parcel_id' },
        { './silver/parcels.ts': contract, './silver/depots.ts': contract },
      ),
    ).toThrow('./silver/depots.ts declares a model but no ./silver/depots.sql is beside it');
  });

  it('refuses a declaration without a default export', () => {
    expect(() =>
      modelsFromFiles(
        { './silver/parcels.sql': 'select 1 as parcel_id' },
        { './silver/parcels.ts': undefined as unknown as typeof contract },
      ),
    ).toThrow("./silver/parcels.ts has no default export: the model's contract");
  });

  it('refuses a file outside the Silver and Gold folders', () => {
    expect(() =>
      modelsFromFiles({ './bronze/parcels.sql': 'select 1' }, { './bronze/parcels.ts': contract }),
    ).toThrow('A model writes a table named silver.<name> or gold.<name>; bronze.parcels is neither');
  });
});
