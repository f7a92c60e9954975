import { describe, expect, it } from 'vitest';
import { defineModel } from '../../../src/pipeline/model-reads';
import { MODELS } from '../../../src/pipeline/registry';

const declaration = { grain: 'one row per parcel_id', sql: 'select 1 as parcel_id', expectations: [] };

describe('a model declares only what its layer folder does not say', () => {
  it('takes its layer from its name and overwrites its table unless it says otherwise', () => {
    const silver = defineModel({ name: 'silver.parcels', ...declaration });
    expect([silver.layer, silver.write]).toEqual(['silver', { mode: 'overwrite' }]);
    const gold = defineModel({ name: 'gold.parcel_days', ...declaration });
    expect([gold.layer, gold.write]).toEqual(['gold', { mode: 'overwrite' }]);
  });

  it('keeps the write a declaration states', () => {
    const merged = defineModel({
      name: 'silver.scans',
      ...declaration,
      write: { mode: 'merge', keys: ['scan_id'], whenMatched: 'ignore' },
    });
    expect(merged.write).toEqual({ mode: 'merge', keys: ['scan_id'], whenMatched: 'ignore' });
  });

  it('refuses a model named outside the Silver and Gold layers, naming it', () => {
    expect(() => defineModel({ name: 'bronze.parcels', ...declaration })).toThrow(
      'A model writes a table named silver.<name> or gold.<name>; bronze.parcels is neither',
    );
    expect(() => defineModel({ name: 'parcels', ...declaration })).toThrow(
      'A model writes a table named silver.<name> or gold.<name>; parcels is neither',
    );
  });

  it('gives every model of the pipeline the layer of its name and the write it had', () => {
    for (const model of MODELS) expect(model.layer).toBe(model.name.split('.')[0]);
    const writes = Object.fromEntries(MODELS.map((m) => [m.name, m.write.mode]));
    expect(writes['silver.events']).toBe('merge');
    expect(writes['silver.dim_customer']).toBe('merge');
    expect(Object.values(writes).filter((mode) => mode === 'overwrite')).toHaveLength(18);
  });
});
