import { describe, expect, it } from 'vitest';
import {
  downstreamOf,
  orderModels,
  prioritize,
  selectModels,
  sourcesNeededFor,
} from '../../../src/pipeline/dag';
import { MODELS } from '../../../src/pipeline/registry';
import { dashboardTables } from '../../../src/ui/dashboard/dashboard-queries';
import type { ModelDefinition } from '../../../src/pipeline/types';

const model = (name: string, inputs: string[]): ModelDefinition => ({
  name,
  layer: name.startsWith('gold.') ? 'gold' : 'silver',
  grain: 'one row',
  sql: 'select 1',
  inputs,
  write: { mode: 'overwrite' },
  expectations: [],
});

describe('the model DAG', () => {
  it('orders every model after each model it reads', () => {
    const ordered = orderModels(MODELS);
    const position = new Map(ordered.map((m, i) => [m.name, i]));
    for (const m of ordered) {
      for (const input of m.inputs) {
        if (position.has(input))
          expect(position.get(input)!, `${input} before ${m.name}`).toBeLessThan(position.get(m.name)!);
      }
    }
    expect(ordered).toHaveLength(MODELS.length);
  });

  it('reads only tables that a model or the sources write', () => {
    const written = new Set(MODELS.map((m) => m.name));
    const unknown = MODELS.flatMap((m) => m.inputs).filter(
      (i) => !written.has(i) && !i.startsWith('bronze.'),
    );
    expect(unknown).toEqual([]);
  });

  it('names the models of a cycle', () => {
    expect(() => orderModels([model('silver.a', ['silver.b']), model('silver.b', ['silver.a'])])).toThrow(
      'The models silver.a, silver.b read each other in a cycle',
    );
  });

  it('refuses two models writing one table', () => {
    expect(() => orderModels([model('silver.a', []), model('silver.a', [])])).toThrow(
      'Two models write silver.a',
    );
  });

  it('selects a layer in run order, or one model', () => {
    const ordered = orderModels(MODELS);
    expect(selectModels(ordered, { layer: 'gold' }).every((m) => m.layer === 'gold')).toBe(true);
    expect(selectModels(ordered, { model: 'silver.orders' }).map((m) => m.name)).toEqual(['silver.orders']);
  });

  it('selects a model and everything downstream of it, in run order', () => {
    const models = [
      model('silver.a', []),
      model('silver.b', ['silver.a']),
      model('silver.c', []),
      model('gold.x', ['silver.b', 'silver.c']),
      model('gold.y', ['silver.c']),
    ];
    const ordered = orderModels(models);
    expect(selectModels(ordered, { downstream: 'silver.a' }).map((m) => m.name)).toEqual([
      'silver.a',
      'silver.b',
      'gold.x',
    ]);
    expect(selectModels(ordered, { downstream: 'gold.y' }).map((m) => m.name)).toEqual(['gold.y']);
    expect(() => selectModels(ordered, { downstream: 'gold.nope' })).toThrow(
      'There is no model named gold.nope',
    );
  });

  it('selects every model that does not read a table, directly or through other models, in run order', () => {
    const models = [
      model('silver.a', ['bronze.a']),
      model('silver.b', ['silver.a']),
      model('silver.c', ['bronze.c']),
      model('gold.x', ['silver.b', 'silver.c']),
      model('gold.y', ['silver.c']),
    ];
    const ordered = orderModels(models);
    expect(selectModels(ordered, { without: 'bronze.a' }).map((m) => m.name)).toEqual(['silver.c', 'gold.y']);
    expect(selectModels(ordered, { without: 'silver.c' }).map((m) => m.name)).toEqual([
      'silver.a',
      'silver.b',
    ]);
    expect(selectModels(ordered, { without: 'bronze.nothing' })).toHaveLength(5);
    expect(selectModels(ordered, { without: ['bronze.a', 'silver.c'] })).toEqual([]);
    expect(selectModels(ordered, { without: ['silver.b', 'bronze.nothing'] }).map((m) => m.name)).toEqual([
      'silver.a',
      'silver.c',
      'gold.y',
    ]);
  });

  it('finds what lies downstream of the clickstream', () => {
    expect([...downstreamOf(MODELS, 'bronze.events')].sort()).toEqual([
      'gold.customer_features',
      'gold.funnel_daily',
      'silver.events',
    ]);
  });

  it('runs a prioritized model, and what it reads, ahead of the rest, every model still after its inputs', () => {
    const models = [
      model('silver.a', []),
      model('silver.b', []),
      model('silver.c', ['silver.b']),
      model('gold.x', ['silver.a']),
      model('gold.y', ['silver.c']),
    ];
    expect(prioritize(orderModels(models), ['gold.y', 'gold.unknown']).map((m) => m.name)).toEqual([
      'silver.b',
      'silver.c',
      'gold.y',
      'silver.a',
      'gold.x',
    ]);
  });

  it("builds the first chart's Gold table before the clickstream, in a valid order of every model", () => {
    const ordered = prioritize(orderModels(MODELS), dashboardTables());
    const position = new Map(ordered.map((m, i) => [m.name, i]));
    for (const m of ordered)
      for (const input of m.inputs)
        if (position.has(input)) expect(position.get(input)!).toBeLessThan(position.get(m.name)!);
    expect(ordered).toHaveLength(MODELS.length);
    expect(position.get('gold.daily_sales')!).toBeLessThan(position.get('silver.events')!);
    expect(position.get('gold.daily_sales')!).toBeLessThan(position.get('silver.geolocation')!);
  });
});

describe('run order and check-only reads', () => {
  it('builds gold.daily_sales without waiting for products and sellers, which only checks of its inputs read', () => {
    const ordered = prioritize(orderModels(MODELS), dashboardTables()).map((m) => m.name);
    const first = ordered.slice(0, ordered.indexOf('gold.daily_sales') + 1);
    expect(first.sort()).toEqual(
      [
        'gold.daily_sales',
        'silver.customers',
        'silver.order_items',
        'silver.orders',
        'silver.payments',
      ].sort(),
    );
  });

  it('finds the source tables a table needs through its models and their checks, in run order', () => {
    const checked = (name: string, inputs: string[], checkInputs: string[]): ModelDefinition => ({
      ...model(name, inputs),
      checkInputs,
    });
    const models = orderModels([
      model('silver.a', ['bronze.a']),
      checked('silver.b', ['bronze.b'], ['silver.d']),
      model('silver.c', ['bronze.c']),
      model('silver.d', ['bronze.d']),
      model('gold.x', ['silver.b', 'silver.a']),
    ]);
    expect(sourcesNeededFor(models, 'gold.x')).toEqual({
      needed: ['bronze.a', 'bronze.b', 'bronze.d'],
      others: ['bronze.c'],
    });
    expect(sourcesNeededFor(models, 'silver.c')).toEqual({
      needed: ['bronze.c'],
      others: ['bronze.a', 'bronze.b', 'bronze.d'],
    });
  });
});
