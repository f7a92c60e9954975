import { Bool, Float64, Int64, Table, Utf8, tableToIPC, vectorFromArray, type DataType } from 'apache-arrow';

/** Rows of newline-delimited JSON (or one JSON array of objects) as an Arrow IPC stream, or the problem in words. */
export function ndjsonToArrow(text: string): { ipc: Uint8Array; rows: number } | { problem: string } {
  const objects: Record<string, unknown>[] = [];
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      return { problem: `it is not JSON (${messageOf(error)})` };
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
        return { problem: `line ${i + 1} is not JSON (${messageOf(error)})` };
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
  const columns = Object.fromEntries(names.map((name) => [name, columnOf(objects.map((o) => o[name]))]));
  return { ipc: tableToIPC(new Table(columns), 'stream'), rows: objects.length };
}

/**
 * One column, typed by its values: all booleans BOOLEAN, all safe integers BIGINT, all numbers
 * DOUBLE, anything else text (objects and arrays as their JSON). Missing keys and null are NULL.
 */
function columnOf(values: unknown[]) {
  const present = values.filter((v) => v !== null && v !== undefined);
  const all = (test: (v: unknown) => boolean) => present.length > 0 && present.every(test);
  const nullable = <T>(map: (v: unknown) => T) =>
    values.map((v) => (v === null || v === undefined ? null : map(v)));
  let type: DataType;
  let data: unknown[];
  if (all((v) => typeof v === 'boolean')) [type, data] = [new Bool(), nullable((v) => v)];
  else if (all((v) => typeof v === 'number' && Number.isSafeInteger(v)))
    [type, data] = [new Int64(), nullable((v) => BigInt(v as number))];
  else if (all((v) => typeof v === 'number')) [type, data] = [new Float64(), nullable((v) => v)];
  else [type, data] = [new Utf8(), nullable((v) => (typeof v === 'string' ? v : JSON.stringify(v)))];
  return vectorFromArray(data, type);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
