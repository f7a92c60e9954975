import {
  Bool,
  Field,
  Int32,
  Int64,
  List,
  Map_,
  Struct,
  Table,
  Type,
  Utf8,
  Vector,
  makeBuilder,
  type Data,
  tableFromIPC,
  tableToIPC,
  type DataType,
} from 'apache-arrow';
import type { ParquetCodec } from '../../engine/parquet-codec';
import {
  parseActionLines,
  type AddFile,
  type Metadata,
  type Protocol,
  type RemoveFile,
  type Txn,
} from './actions';

/** A file of a v2 checkpoint's add and remove actions, in `_delta_log/_sidecars/`. */
export interface SidecarRef {
  /** URI-encoded, normally only the file name. */
  path: string;
  sizeInBytes?: number;
}

/** The actions a checkpoint holds: the state of the table at its version. */
export interface CheckpointActions {
  protocol?: Protocol;
  metaData?: Metadata;
  adds: AddFile[];
  removes: RemoveFile[];
  txns: Txn[];
  /** Sidecar files still to read (v2 checkpoints; their adds and removes belong here too). */
  sidecars: SidecarRef[];
}

/** An empty set of checkpoint actions to read parts into. */
export function emptyCheckpoint(): CheckpointActions {
  return { adds: [], removes: [], txns: [], sidecars: [] };
}

const ACTION_COLUMNS = ['add', 'remove', 'metaData', 'protocol', 'txn', 'sidecar'] as const;

/**
 * Decode one checkpoint Parquet file (a classic or multi-part checkpoint, a UUID-named one, or a
 * sidecar) into `into`: each row holds one action in one struct column; `checkpointMetadata`,
 * `domainMetadata` and columns this reader does not use are ignored.
 */
export function readCheckpointParquet(
  parquet: ParquetCodec,
  bytes: Uint8Array,
  into: CheckpointActions,
): void {
  const table = tableFromIPC(parquet.read(bytes));
  const columns = ACTION_COLUMNS.map((name) => ({ name, vector: table.getChild(name) })).filter(
    (c) => c.vector !== null,
  );
  for (let row = 0; row < table.numRows; row++) {
    for (const { name, vector } of columns) {
      const value = vector?.get(row);
      if (value === null || value === undefined) continue;
      addAction(into, name, toPlain(value) as Record<string, unknown>);
    }
  }
}

/** Decode a UUID-named JSON checkpoint (newline-delimited actions, like a commit) into `into`. */
export function readCheckpointJson(text: string, file: string, into: CheckpointActions): void {
  for (const action of parseActionLines(text, file)) {
    for (const name of ACTION_COLUMNS) {
      if (name in action) addAction(into, name, action[name] as Record<string, unknown>);
    }
  }
}

function addAction(
  into: CheckpointActions,
  name: (typeof ACTION_COLUMNS)[number],
  action: Record<string, unknown>,
) {
  if (name === 'add') into.adds.push(withJsonStats(action) as unknown as AddFile);
  else if (name === 'remove') into.removes.push(action as unknown as RemoveFile);
  else if (name === 'metaData') into.metaData = action as unknown as Metadata;
  else if (name === 'protocol') into.protocol = action as unknown as Protocol;
  else if (name === 'txn') into.txns.push(action as unknown as Txn);
  else into.sidecars.push(action as unknown as SidecarRef);
}

/** Checkpoints may carry stats only as a struct (`stats_parsed`); give them the JSON form the log has. */
function withJsonStats(add: Record<string, unknown>): Record<string, unknown> {
  const { stats_parsed: parsed, partitionValues_parsed: _ignored, ...rest } = add;
  if (typeof rest.stats !== 'string' && parsed && typeof parsed === 'object')
    rest.stats = JSON.stringify(parsed);
  return rest;
}

/** Arrow rows as plain JSON values: 64-bit integers as numbers, maps as objects. */
function toPlain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
}

const text = () => new Utf8();
const long = () => new Int64();
const field = (name: string, type: DataType) => new Field(name, type, true);
const stringMap = () =>
  new Map_(
    new Field(
      'key_value',
      new Struct([new Field('key', text(), false), field('value', text())]) as Struct,
      false,
    ) as never,
  );

const CHECKPOINT_TYPES: Record<string, Struct> = {
  txn: new Struct([field('appId', text()), field('version', long()), field('lastUpdated', long())]),
  add: new Struct([
    field('path', text()),
    field('partitionValues', stringMap()),
    field('size', long()),
    field('modificationTime', long()),
    field('dataChange', new Bool()),
    field('tags', stringMap()),
    field('stats', text()),
  ]),
  remove: new Struct([
    field('path', text()),
    field('deletionTimestamp', long()),
    field('dataChange', new Bool()),
    field('extendedFileMetadata', new Bool()),
    field('partitionValues', stringMap()),
    field('size', long()),
    field('tags', stringMap()),
  ]),
  metaData: new Struct([
    field('id', text()),
    field('name', text()),
    field('description', text()),
    field('format', new Struct([field('provider', text()), field('options', stringMap())])),
    field('schemaString', text()),
    field('partitionColumns', new List(field('element', text()))),
    field('configuration', stringMap()),
    field('createdTime', long()),
  ]),
  protocol: new Struct([field('minReaderVersion', new Int32()), field('minWriterVersion', new Int32())]),
};

/** Encode a checkpoint as Parquet with Delta's checkpoint schema; returns the bytes and row count. */
export async function writeCheckpoint(
  parquet: ParquetCodec,
  state: Required<Pick<CheckpointActions, 'protocol' | 'metaData'>> & Omit<CheckpointActions, 'sidecars'>,
): Promise<{ bytes: Uint8Array; rows: number }> {
  const rows: Record<string, unknown>[] = [
    { protocol: state.protocol },
    { metaData: forArrow('metaData', state.metaData) },
    ...state.txns.map((txn) => ({ txn: forArrow('txn', txn) })),
    ...state.adds.map((add) => ({ add: forArrow('add', { ...add, dataChange: false }) })),
    ...state.removes.map((remove) => ({ remove: forArrow('remove', { ...remove, dataChange: false }) })),
  ];
  const columns = Object.fromEntries(
    Object.entries(CHECKPOINT_TYPES).map(([name, type]) => {
      const builder = makeBuilder({ type, nullValues: [null, undefined] });
      for (const row of rows) builder.append((row[name] ?? null) as never);
      const vector = builder.finish().toVector();
      return [name, new Vector(vector.data.map(boolsWithoutNulls))];
    }),
  );
  const ipc = tableToIPC(new Table(columns), 'stream');
  return { bytes: await parquet.write(ipc), rows: rows.length };
}

/**
 * apache-arrow writes an all-null Boolean array with an empty values buffer, which the Parquet
 * writer (arrow-rs) rejects; the Boolean children of null struct rows are all null. Checkpoint
 * booleans are never meaningfully null, so give them validity everywhere (null reads as false).
 */
function boolsWithoutNulls(data: Data): Data {
  const children = data.children.map(boolsWithoutNulls);
  const buffers = [data.valueOffsets, data.values, data.nullBitmap, data.typeIds] as const;
  if (data.type.typeId === Type.Bool) {
    return data.clone(
      data.type,
      data.offset,
      data.length,
      0,
      [undefined, data.values, new Uint8Array(0), undefined],
      children,
    );
  }
  return data.clone(data.type, data.offset, data.length, data.nullCount, [...buffers], children);
}

const LONG_FIELDS = new Set([
  'size',
  'modificationTime',
  'deletionTimestamp',
  'version',
  'lastUpdated',
  'createdTime',
]);
const MAP_FIELDS = new Set(['partitionValues', 'tags', 'configuration', 'options']);

/** Shape one action for the Arrow builders: 64-bit numbers as bigint, string maps as Map. */
function forArrow(kind: string, action: object): Record<string, unknown> {
  const type = CHECKPOINT_TYPES[kind];
  const source = action as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const child of type.children) {
    const value = source[child.name];
    if (value === null || value === undefined) out[child.name] = null;
    else if (LONG_FIELDS.has(child.name)) out[child.name] = BigInt(Math.trunc(Number(value)));
    else if (MAP_FIELDS.has(child.name)) out[child.name] = new Map(Object.entries(value as object));
    else if (child.name === 'format') {
      const format = value as { provider: string; options?: Record<string, string> };
      out.format = { provider: format.provider, options: new Map(Object.entries(format.options ?? {})) };
    } else out[child.name] = value;
  }
  return out;
}
