import { describe, expect, it } from 'vitest';
import { orderModels } from '../../../src/pipeline/dag';
import { MODELS } from '../../../src/pipeline/registry';
import type { ModelDefinition } from '../../../src/pipeline/types';
import { layoutDag } from '../../../src/ui/pipeline/dag-layout';

const model = (name: string, inputs: string[]): ModelDefinition => ({
  name,
  layer: name.startsWith('gold.') ? 'gold' : 'silver',
  grain: 'one row per id',
  sql: 'select 1',
  inputs,
  write: { mode: 'overwrite' },
  expectations: [],
});

describe('the drawn pipeline', () => {
  const layout = layoutDag(orderModels(MODELS));
  const node = (id: string) => layout.nodes.find((n) => n.id === id)!;

  it('draws every model, every Bronze table a model reads and the two sources', () => {
    const ids = layout.nodes.map((n) => n.id);
    for (const m of MODELS) expect(ids).toContain(m.name);
    const bronze = [...new Set(MODELS.flatMap((m) => m.inputs).filter((t) => t.startsWith('bronze.')))];
    expect(ids.filter((id) => id.startsWith('bronze.')).sort()).toEqual(bronze.sort());
    expect(ids.filter((id) => id.startsWith('source:')).sort()).toEqual(['source:events', 'source:olist']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws one edge per table a model reads, and one from its source into each Bronze table', () => {
    for (const m of MODELS) {
      const into = layout.edges.filter((e) => e.to === m.name).map((e) => e.from);
      expect(into.sort()).toEqual([...m.inputs].sort());
    }
    expect(layout.edges.filter((e) => e.to === 'bronze.events').map((e) => e.from)).toEqual([
      'source:events',
    ]);
    expect(layout.edges.filter((e) => e.to === 'bronze.olist_orders').map((e) => e.from)).toEqual([
      'source:olist',
    ]);
  });

  it('places the layers left to right, and a model right of every table it reads', () => {
    const bandOrder = layout.bands.map((b) => b.layer);
    expect(bandOrder).toEqual(['source', 'bronze', 'silver', 'gold']);
    for (const e of layout.edges) expect(node(e.from).column).toBeLessThan(node(e.to).column);
    // silver.orders reads silver.customers; silver.dim_customer reads silver.orders.
    expect(node('silver.orders').column).toBe(node('silver.customers').column + 1);
    expect(node('silver.dim_customer').column).toBe(node('silver.orders').column + 1);
    expect(node('gold.customer_features').column).toBe(node('gold.customer_rfm').column + 1);
  });

  it('keeps boxes apart and inside the drawing', () => {
    for (const a of layout.nodes) {
      expect(a.x + a.width).toBeLessThanOrEqual(layout.width);
      expect(a.y + a.height).toBeLessThanOrEqual(layout.height);
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart =
          a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} and ${b.id} overlap`).toBe(true);
      }
    }
    expect(layout.columns.flat().sort()).toEqual(layout.nodes.map((n) => n.id).sort());
  });

  it('orders each column to cross fewer edges than the order the models are listed in', () => {
    // Listed so that the two chains cross: a reads x, b reads y, but x is listed below y.
    const tangled = [
      model('silver.a', ['bronze.olist_y']),
      model('silver.b', ['bronze.olist_x']),
      model('gold.c', ['silver.b']),
      model('gold.d', ['silver.a']),
    ];
    const untangled = layoutDag(tangled);
    expect(untangled.crossings).toBe(0);
    const top = (id: string) => untangled.nodes.find((n) => n.id === id)!.row;
    expect(top('gold.d') < top('gold.c')).toBe(top('silver.a') < top('silver.b'));
  });
});
