import { Bool, Float64, Int64, Table, makeData, makeVector, tableToIPC, type Data } from 'apache-arrow';
import { Utf8ColumnBuilder } from '../../sources/arrow/utf8-column';
import { errorMessage } from '../../engine/error-message';

/** Rows of newline-delimited JSON (or one JSON array of objects) as an Arrow IPC stream, or the problem in words. */
export function ndjsonToArrow(text: string): { ipc: Uint8Array; rows: number } | { problem: string } {
  const objects: Record<string, unknown>[] = [];
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      return { problem: `it is not JSON (${errorMessage(error)})` };
    }
    const items = parsed as unknown[];
    for (let i = 0; i < items.length; i++) {
      if (!isObject(items[i])) return { problem: `item ${i + 1} of its array is not a JSON object` };
      objects.push(items[i] as Record<string, unknown>);
    }
  } else {
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line.length === 0) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        return { problem: `line ${i + 1} is not JSON (${errorMessage(error)})` };
      }
      if (!isObject(value)) return { problem: `line ${i + 1} is not a JSON object` };
      objects.push(value);
    }
  }
  if (objects.length === 0) return { problem: 'it holds no JSON objects' };
  const names: string[] = [];
  const seen = new Set<string>();
  for (const o of objects)
    for (const k of Object.keys(o))
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
  return { ipc: tableToIPC(objectsToTable(names, objects), 'stream'), rows: objects.length };
}

/** Plain objects as an Arrow table of the named columns, each typed by its values (see columnOf). */
export function objectsToTable(names: readonly string[], objects: readonly Record<string, unknown>[]): Table {
  return new Table(Object.fromEntries(names.map((name) => [name, columnOf(objects.map((o) => o[name]))])));
}

/**
 * One column, typed by its values: all booleans BOOLEAN, all safe integers BIGINT, all numbers
 * DOUBLE, anything else text (objects and arrays as their JSON). Missing keys and null are NULL.
 * Built as Arrow data directly: apache-arrow's vectorFromArray compiles its builders with `eval`,
 * which the app's Content-Security-Policy refuses in the browser.
 */
function columnOf(values: unknown[]) {
  const present = values.filter((v) => v !== null && v !== undefined);
  const all = (test: (v: unknown) => boolean) => present.length > 0 && present.every(test);
  if (all((v) => typeof v === 'boolean')) return makeVector(boolData(values));
  if (all((v) => typeof v === 'number' && Number.isSafeInteger(v))) return makeVector(int64Data(values));
  if (all((v) => typeof v === 'number')) return makeVector(float64Data(values));
  const text = new Utf8ColumnBuilder();
  for (const v of values) {
    if (v === null || v === undefined) text.appendNull();
    else text.appendString(typeof v === 'string' ? v : JSON.stringify(v));
  }
  return makeVector(text.flush());
}

/** The validity bitmap of `values` (bit set = not NULL) and how many are NULL. */
function validityOf(values: unknown[]): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) nullCount++;
    else nullBitmap[i >> 3] |= 1 << (i & 7);
  });
  return { nullBitmap, nullCount };
}

function int64Data(values: unknown[]): Data<Int64> {
  const data = new BigInt64Array(values.length);
  values.forEach((v, i) => {
    if (typeof v === 'number') data[i] = BigInt(v);
  });
  return makeData({ type: new Int64(), length: values.length, ...validityOf(values), data });
}

function float64Data(values: unknown[]): Data<Float64> {
  const data = new Float64Array(values.length);
  values.forEach((v, i) => {
    if (typeof v === 'number') data[i] = v;
  });
  return makeData({ type: new Float64(), length: values.length, ...validityOf(values), data });
}

function boolData(values: unknown[]): Data<Bool> {
  const bits = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v === true) bits[i >> 3] |= 1 << (i & 7);
  });
  return makeData({ type: new Bool(), length: values.length, ...validityOf(values), data: bits });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
