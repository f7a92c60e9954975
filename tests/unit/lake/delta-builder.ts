/**
 * Writes Delta tables the way other engines do, for reader tests: Parquet data files encoded by
 * parquet-wasm from DuckDB query results (optionally with Parquet field ids), JSON commits as
 * lines, and deletion vectors in Delta's RoaringBitmapArray format with its file framing.
 */
import { Field, RecordBatch, Schema, Struct, Table, Type, tableFromIPC, tableToIPC } from 'apache-arrow';
import { crc32 } from '../../../src/lake/delta/crc32';
import { DV_MAGIC } from '../../../src/lake/delta/roaring';
import { z85Encode } from '../../../src/lake/delta/z85';
import { joinPath } from '../../../src/lake/storage/types';
import type { LakeFixture } from './helpers';

/** One table folder in a fixture's storage. */
export class DeltaTableBuilder {
  constructor(
    private readonly fx: LakeFixture,
    readonly folder: string,
  ) {}

  /** Write `lines` as the commit of `version`. */
  async commit(version: number, lines: object[]): Promise<void> {
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    await this.fx.storage.write(this.logPath(`${String(version).padStart(20, '0')}.json`), encode(text));
  }

  /** A path inside `_delta_log/`. */
  logPath(name: string): string {
    return joinPath(this.folder, '_delta_log', name);
  }

  /**
   * Write the rows of a query as a Parquet data file at `path` (relative to the table), giving
   * columns Parquet field ids when asked; returns what an add action records.
   */
  async parquet(
    path: string,
    sql: string,
    fieldIds: Record<string, number> = {},
  ): Promise<{ path: string; size: number }> {
    let ipc = await this.fx.engine.queryArrow(sql);
    if (Object.keys(fieldIds).length > 0) ipc = withFieldIds(ipc, fieldIds);
    const bytes = await this.fx.parquet.write(ipc);
    await this.fx.storage.write(joinPath(this.folder, path), bytes);
    return { path: encodeURI(path), size: bytes.byteLength };
  }

  /** Write any bytes at `path` (relative to the table). */
  async file(path: string, bytes: Uint8Array): Promise<void> {
    await this.fx.storage.write(joinPath(this.folder, path), bytes);
  }
}

/** A `protocol` action line. */
export function protocol(reader: number, writer: number, features: string[] = []) {
  return {
    protocol: {
      minReaderVersion: reader,
      minWriterVersion: writer,
      ...(reader >= 3 ? { readerFeatures: features } : {}),
      ...(writer >= 7 ? { writerFeatures: features } : {}),
    },
  };
}

/** A struct field of a Delta schema. */
export function field(name: string, type: unknown, metadata: Record<string, unknown> = {}) {
  return { name, type, nullable: true, metadata };
}

/** A `metaData` action line. */
export function metaData(
  fields: object[],
  partitionColumns: string[] = [],
  configuration: Record<string, string> = {},
) {
  return {
    metaData: {
      id: 'test-table',
      format: { provider: 'parquet', options: {} },
      schemaString: JSON.stringify({ type: 'struct', fields }),
      partitionColumns,
      configuration,
      createdTime: 1_700_000_000_000,
    },
  };
}

/** An `add` action line. */
export function add(file: { path: string; size: number }, extra: Record<string, unknown> = {}) {
  return {
    add: { partitionValues: {}, modificationTime: 1_700_000_000_000, dataChange: true, ...file, ...extra },
  };
}

/** A `remove` action line. */
export function remove(file: { path: string; size: number }, extra: Record<string, unknown> = {}) {
  return { remove: { deletionTimestamp: 1_700_000_000_000, dataChange: true, ...file, ...extra } };
}

/** A `commitInfo` action line. */
export function commitInfo(timestamp: number, operation = 'WRITE', extra: Record<string, unknown> = {}) {
  return { commitInfo: { timestamp, operation, operationParameters: {}, ...extra } };
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function withFieldIds(ipc: Uint8Array, ids: Record<string, number>): Uint8Array {
  const table = tableFromIPC(ipc);
  const fields = table.schema.fields.map((f) => withIds(f, ids));
  const schema = new Schema(fields, table.schema.metadata);
  return tableToIPC(new Table(table.batches.map((b) => new RecordBatch(schema, b.data))), 'stream');
}

/** Field ids by dotted path (`s.inner`) of struct fields. */
function withIds(f: Field, ids: Record<string, number>, prefix = ''): Field {
  const path = prefix + f.name;
  const metadata = new Map(f.metadata);
  if (ids[path] !== undefined) metadata.set('PARQUET:field_id', String(ids[path]));
  if (f.type.typeId === Type.Struct) {
    const children = (f.type.children as Field[]).map((c) => withIds(c, ids, `${path}.`));
    return new Field(f.name, new Struct(children), f.nullable, metadata);
  }
  return new Field(f.name, f.type, f.nullable, metadata);
}

// --- deletion vectors --------------------------------------------------------------------

/** How a test wants the containers of a bitmap serialized. */
export type ContainerChoice = 'auto' | 'run';

/**
 * Serialize row indexes as Delta's RoaringBitmapArray: the magic number, then the portable
 * 64-bit Roaring format (RoaringFormatSpec), with array, bitmap or run containers.
 */
export function encodeRoaringBitmapArray(rows: number[], containers: ContainerChoice = 'auto'): Uint8Array {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const buckets = new Map<number, number[]>();
  for (const row of sorted) {
    const key = Math.floor(row / 2 ** 32);
    (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(row - key * 2 ** 32);
  }
  const parts: number[] = [];
  const u32 = (v: number) => parts.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  u32(DV_MAGIC);
  u32(buckets.size);
  u32(0);
  for (const [key, values] of buckets) {
    u32(key);
    parts.push(...roaring32(values, containers));
  }
  return Uint8Array.from(parts);
}

function roaring32(values: number[], choice: ContainerChoice): number[] {
  const groups = new Map<number, number[]>();
  for (const v of values) (groups.get(v >>> 16) ?? groups.set(v >>> 16, []).get(v >>> 16)!).push(v & 0xffff);
  const containers = [...groups].map(([key, lows]) => {
    const runs = toRuns(lows);
    const kind = choice === 'run' ? 'run' : lows.length > 4096 ? 'bitmap' : 'array';
    return { key, lows, runs, kind };
  });
  const out: number[] = [];
  const u16 = (v: number) => out.push(v & 0xff, (v >>> 8) & 0xff);
  const u32 = (v: number) => out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  const hasRun = containers.some((c) => c.kind === 'run');
  const size = containers.length;
  if (hasRun) {
    u32(12347 | ((size - 1) << 16));
    const flags = new Array(Math.ceil(size / 8)).fill(0);
    containers.forEach((c, i) => {
      if (c.kind === 'run') flags[i >> 3] |= 1 << (i & 7);
    });
    out.push(...flags);
  } else {
    u32(12346);
    u32(size);
  }
  for (const c of containers) {
    u16(c.key);
    u16(c.lows.length - 1);
  }
  const bodies = containers.map((c) => {
    const body: number[] = [];
    const b16 = (v: number) => body.push(v & 0xff, (v >>> 8) & 0xff);
    if (c.kind === 'run') {
      b16(c.runs.length);
      for (const [start, length] of c.runs) {
        b16(start);
        b16(length);
      }
    } else if (c.kind === 'array') {
      for (const v of c.lows) b16(v);
    } else {
      const words = new Uint8Array(8192);
      for (const v of c.lows) words[v >> 3] |= 1 << (v & 7);
      body.push(...words);
    }
    return body;
  });
  if (!hasRun || size >= 4) {
    let offset = out.length + size * 4;
    for (const body of bodies) {
      u32(offset);
      offset += body.length;
    }
  }
  for (const body of bodies) out.push(...body);
  return out;
}

function toRuns(sorted: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const v of sorted) {
    const last = runs.at(-1);
    if (last && last[0] + last[1] + 1 === v) last[1]++;
    else runs.push([v, 0]);
  }
  return runs;
}

/** A deletion vector file holding several DVs (version byte, then size + data + CRC-32 each). */
export function deletionVectorFile(dvs: Uint8Array[]): { bytes: Uint8Array; offsets: number[] } {
  const parts: number[] = [1];
  const offsets: number[] = [];
  const u32be = (v: number) => parts.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  for (const dv of dvs) {
    offsets.push(parts.length);
    u32be(dv.length);
    parts.push(...dv);
    u32be(crc32(dv));
  }
  return { bytes: Uint8Array.from(parts), offsets };
}

/** The `pathOrInlineDv` of a `u` DV: an optional prefix, then the Z85 of the UUID's 16 bytes. */
export function relativeDvId(uuid: string, prefix = ''): string {
  const bytes = Uint8Array.from(
    uuid
      .replace(/-/g, '')
      .match(/../g)!
      .map((h) => parseInt(h, 16)),
  );
  return prefix + z85Encode(bytes);
}

/** An inline DV descriptor for these rows. */
export function inlineDv(rows: number[], containers: ContainerChoice = 'auto') {
  const bytes = encodeRoaringBitmapArray(rows, containers);
  return {
    storageType: 'i',
    pathOrInlineDv: z85Encode(bytes),
    sizeInBytes: bytes.length,
    cardinality: new Set(rows).size,
  };
}
