import { EVENTS_TABLE } from '../../sources/olist-files';
import type { ModelDefinition } from '../../pipeline/types';

/** The bands of the drawn pipeline, left to right. */
export type DagLayer = 'source' | 'bronze' | 'silver' | 'gold';

export const DAG_LAYERS: readonly DagLayer[] = ['source', 'bronze', 'silver', 'gold'];

/** One box of the drawing: a source, a Bronze table or a model, placed. */
export interface DagNode {
  /** A table name (`silver.orders`), or `source:olist` / `source:events`. */
  id: string;
  /** What the box says: the table without its layer, or the source's name. */
  label: string;
  layer: DagLayer;
  /** Column (0 = leftmost) and position in it (0 = top). */
  column: number;
  row: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** "`to` reads `from`", drawn as a curve from the right of one box to the left of the other. */
export interface DagEdge {
  from: string;
  to: string;
  path: string;
}

/** A layer's band: where its columns start and end. */
export interface DagBand {
  layer: DagLayer;
  x: number;
  width: number;
}

export interface DagLayout {
  nodes: DagNode[];
  edges: DagEdge[];
  bands: DagBand[];
  /** Node ids per column, top to bottom (the keyboard moves along these). */
  columns: string[][];
  width: number;
  height: number;
  /** Edges that cross another edge in the drawing (what the ordering keeps low). */
  crossings: number;
}

/** Sizes in SVG pixels. */
export interface DagGeometry {
  nodeWidth: Record<DagLayer, number>;
  nodeHeight: number;
  columnGap: number;
  rowGap: number;
  /** Room above the first row for the band titles. */
  top: number;
}

export const DAG_GEOMETRY: DagGeometry = {
  nodeWidth: { source: 104, bronze: 176, silver: 128, gold: 148 },
  nodeHeight: 54,
  columnGap: 26,
  rowGap: 10,
  top: 30,
};

const SOURCES: Record<string, string> = { olist: 'Olist files', events: 'Clickstream' };

/** The source that writes a Bronze table: the event stream writes bronze.events, uploads the rest. */
function sourceOf(bronzeTable: string): string {
  return bronzeTable === EVENTS_TABLE ? 'source:events' : 'source:olist';
}

/** A table's layer from its name (`bronze.x`); anything a model reads that no model writes is Bronze. */
function layerOf(table: string, written: Map<string, ModelDefinition>): DagLayer {
  return written.get(table)?.layer ?? 'bronze';
}

/**
 * Lay out the pipeline as a layered graph: one band per layer (sources, Bronze, Silver, Gold),
 * inside a band one column per step of the longest chain of models of that layer (silver.orders
 * reads silver.customers, so it stands one column right of it); in each column, boxes ordered by
 * the mean position of their neighbours (barycentre sweeps), keeping the order with the fewest
 * crossing edges. Edges are what each model's SQL reads (`inputs`).
 */
export function layoutDag(
  models: readonly ModelDefinition[],
  geometry: DagGeometry = DAG_GEOMETRY,
): DagLayout {
  const written = new Map(models.map((m) => [m.name, m]));
  const preds = new Map<string, string[]>();
  const order: string[] = [];
  const add = (id: string, inputs: string[]) => {
    if (preds.has(id)) return;
    preds.set(id, inputs);
    order.push(id);
  };
  const bronze = [...new Set(models.flatMap((m) => m.inputs).filter((t) => !written.has(t)))];
  for (const table of bronze) add(sourceOf(table), []);
  for (const table of bronze) add(table, [sourceOf(table)]);
  for (const model of models) add(model.name, [...model.inputs]);
  const layer = (id: string): DagLayer => (id.startsWith('source:') ? 'source' : layerOf(id, written));

  // Depth inside the layer: 0 unless the node reads a node of its own layer.
  const depth = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string> = new Set()): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // a cycle: orderModels reports it; draw it flat
    seen.add(id);
    const own = (preds.get(id) ?? []).filter((p) => layer(p) === layer(id));
    const d = own.length === 0 ? 0 : 1 + Math.max(...own.map((p) => depthOf(p, seen)));
    depth.set(id, d);
    return d;
  };
  const columnsPerLayer = DAG_LAYERS.map((l) =>
    Math.max(0, ...order.filter((id) => layer(id) === l).map((id) => depthOf(id) + 1)),
  );
  const firstColumn = (l: DagLayer) =>
    columnsPerLayer.slice(0, DAG_LAYERS.indexOf(l)).reduce((a, b) => a + b, 0);
  const columnOf = (id: string) => firstColumn(layer(id)) + depthOf(id);
  const columnCount = columnsPerLayer.reduce((a, b) => a + b, 0);
  const columns: string[][] = Array.from({ length: columnCount }, () => []);
  for (const id of order) columns[columnOf(id)].push(id);

  const succs = new Map<string, string[]>(order.map((id) => [id, []]));
  for (const [id, inputs] of preds) for (const p of inputs) succs.get(p)?.push(id);
  const edges = order.flatMap((id) => (preds.get(id) ?? []).filter((p) => preds.has(p)).map((p) => [p, id]));

  const best = orderColumns(columns, preds, succs, edges);
  return place(best, edges, layer, geometry);
}

/** Rows of each column after barycentre sweeps, the ordering with the fewest crossings seen. */
function orderColumns(
  start: string[][],
  preds: Map<string, string[]>,
  succs: Map<string, string[]>,
  edges: string[][],
): string[][] {
  let columns = start.map((c) => [...c]);
  let best = columns;
  let fewest = countCrossings(columns, edges);
  const tallest = Math.max(...columns.map((c) => c.length));
  const position = (cols: string[][]) => {
    const at = new Map<string, number>();
    // Columns are centred on each other, so a position is the row plus the column's offset.
    for (const col of cols) col.forEach((id, row) => at.set(id, row + (tallest - col.length) / 2));
    return at;
  };
  const sweep = (cols: string[][], indices: number[], neighbours: Map<string, string[]>) => {
    for (const c of indices) {
      const at = position(cols);
      const centre = (id: string) => {
        const near = (neighbours.get(id) ?? []).filter((n) => at.has(n));
        return near.length === 0 ? at.get(id)! : near.reduce((s, n) => s + at.get(n)!, 0) / near.length;
      };
      const keyed = cols[c].map((id, i) => ({ id, key: centre(id), i }));
      keyed.sort((a, b) => a.key - b.key || a.i - b.i);
      cols[c] = keyed.map((k) => k.id);
    }
  };
  const forward = start.map((_, i) => i).slice(1);
  const backward = start
    .map((_, i) => i)
    .reverse()
    .slice(1);
  for (let pass = 0; pass < 6; pass++) {
    columns = columns.map((c) => [...c]);
    sweep(columns, pass % 2 === 0 ? forward : backward, pass % 2 === 0 ? preds : succs);
    const crossings = countCrossings(columns, edges);
    if (crossings < fewest) {
      fewest = crossings;
      best = columns;
    }
  }
  return best;
}

/** Pairs of edges whose straight segments between box centres cross (shared ends do not count). */
function countCrossings(columns: string[][], edges: string[][]): number {
  const tallest = Math.max(...columns.map((c) => c.length));
  const point = new Map<string, [number, number]>();
  columns.forEach((col, x) => col.forEach((id, row) => point.set(id, [x, row + (tallest - col.length) / 2])));
  const segments = edges.map(([a, b]) => [a, b, point.get(a)!, point.get(b)!] as const);
  let count = 0;
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const [a1, b1, p1, q1] = segments[i];
      const [a2, b2, p2, q2] = segments[j];
      if (a1 === a2 || b1 === b2 || a1 === b2 || b1 === a2) continue;
      if (segmentsCross(p1, q1, p2, q2)) count += 1;
    }
  }
  return count;
}

function segmentsCross(p1: number[], q1: number[], p2: number[], q2: number[]): boolean {
  const side = (a: number[], b: number[], c: number[]) =>
    Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  return side(p1, q1, p2) * side(p1, q1, q2) < 0 && side(p2, q2, p1) * side(p2, q2, q1) < 0;
}

/** Coordinates: columns left to right, each centred vertically on the tallest. */
function place(
  columns: string[][],
  edges: string[][],
  layer: (id: string) => DagLayer,
  g: DagGeometry,
): DagLayout {
  const pitch = g.nodeHeight + g.rowGap;
  const tallest = Math.max(...columns.map((c) => c.length));
  const nodes: DagNode[] = [];
  const bands: DagBand[] = [];
  let x = 0;
  columns.forEach((col, column) => {
    const l = layer(col[0]);
    const width = g.nodeWidth[l];
    const offset = ((tallest - col.length) * pitch) / 2;
    col.forEach((id, row) => {
      const label = id.startsWith('source:') ? SOURCES[id.slice(7)] : id.slice(id.indexOf('.') + 1);
      nodes.push({
        id,
        label,
        layer: l,
        column,
        row,
        x,
        y: g.top + offset + row * pitch,
        width,
        height: g.nodeHeight,
      });
    });
    const band = bands.at(-1);
    if (band?.layer === l) band.width = x + width - band.x;
    else bands.push({ layer: l, x, width });
    x += width + g.columnGap;
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const drawn = edges.map(([from, to]) => {
    const a = byId.get(from)!;
    const b = byId.get(to)!;
    const x1 = a.x + a.width;
    const y1 = a.y + a.height / 2;
    const x2 = b.x;
    const y2 = b.y + b.height / 2;
    const bend = Math.max(12, (x2 - x1) / 2);
    return { from, to, path: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}` };
  });
  return {
    nodes,
    edges: drawn,
    bands,
    columns,
    width: Math.max(0, x - g.columnGap),
    height: g.top + tallest * pitch - g.rowGap,
    crossings: countCrossings(columns, edges),
  };
}
