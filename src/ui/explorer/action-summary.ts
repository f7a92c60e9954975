import { formatBytes } from '../sources/format';

/** One action of a commit, in words: a title and a few labelled facts. */
export interface ActionSummary {
  kind: 'commitInfo' | 'protocol' | 'metaData' | 'add' | 'remove' | 'txn' | 'other';
  title: string;
  facts: { label: string; value: string }[];
}

type Json = Record<string, unknown>;

/** Summarise a commit's actions in order, the way a learner reads them. */
export function summarizeActions(actions: Json[]): ActionSummary[] {
  return actions.map(summarizeAction);
}

/** Summarise one action (`{"add": {…}}`, `{"commitInfo": {…}}`, …). */
export function summarizeAction(action: Json): ActionSummary {
  const [kind, body] = Object.entries(action)[0] ?? ['other', {}];
  const value = (body ?? {}) as Json;
  switch (kind) {
    case 'commitInfo':
      return commitInfo(value);
    case 'protocol':
      return {
        kind,
        title: `protocol: reader ${value.minReaderVersion}, writer ${value.minWriterVersion}`,
        facts: [],
      };
    case 'metaData':
      return metaData(value);
    case 'add':
      return addFile(value);
    case 'remove':
      return removeFile(value);
    case 'txn':
      return {
        kind,
        title: `txn: ${String(value.appId)} at version ${String(value.version)}`,
        facts: [
          {
            label: 'why',
            value: 'marks an idempotent write: the same appId and version commit nothing again',
          },
        ],
      };
    default:
      return { kind: 'other', title: `${kind}`, facts: [{ label: 'value', value: JSON.stringify(value) }] };
  }
}

function commitInfo(info: Json): ActionSummary {
  const facts: ActionSummary['facts'] = [];
  if (typeof info.timestamp === 'number') facts.push({ label: 'time', value: isoTime(info.timestamp) });
  const parameters = Object.entries((info.operationParameters ?? {}) as Json);
  if (parameters.length) facts.push({ label: 'parameters', value: pairs(parameters) });
  const metrics = Object.entries((info.operationMetrics ?? {}) as Json);
  if (metrics.length) facts.push({ label: 'metrics', value: pairs(metrics) });
  if (typeof info.readVersion === 'number')
    facts.push({ label: 'read version', value: String(info.readVersion) });
  if (typeof info.isBlindAppend === 'boolean')
    facts.push({ label: 'blind append', value: info.isBlindAppend ? 'yes' : 'no' });
  if (typeof info.engineInfo === 'string') facts.push({ label: 'engine', value: info.engineInfo });
  return { kind: 'commitInfo', title: `commitInfo: ${String(info.operation ?? 'UNKNOWN')}`, facts };
}

function metaData(meta: Json): ActionSummary {
  const facts: ActionSummary['facts'] = [];
  const schema = parseJson(meta.schemaString) as { fields?: { name: string; type: unknown }[] } | null;
  if (schema?.fields)
    facts.push({
      label: 'schema',
      value: schema.fields
        .map((f) => `${f.name} ${typeof f.type === 'string' ? f.type : ((f.type as Json).type ?? '?')}`)
        .join(', '),
    });
  const partitions = (meta.partitionColumns ?? []) as string[];
  facts.push({ label: 'partitioned by', value: partitions.length ? partitions.join(', ') : 'nothing' });
  const configuration = Object.entries((meta.configuration ?? {}) as Json);
  if (configuration.length) facts.push({ label: 'configuration', value: pairs(configuration) });
  if (typeof meta.id === 'string') facts.push({ label: 'table id', value: meta.id });
  return { kind: 'metaData', title: 'metaData: the schema and partitioning', facts };
}

function addFile(add: Json): ActionSummary {
  const facts: ActionSummary['facts'] = [];
  const partition = partitionText(add.partitionValues);
  if (partition) facts.push({ label: 'partition', value: partition });
  facts.push({ label: 'size', value: formatBytes(Number(add.size ?? 0)) });
  const stats = parseJson(add.stats) as {
    numRecords?: number;
    minValues?: Json;
    maxValues?: Json;
    nullCount?: Json;
  } | null;
  if (stats?.numRecords !== undefined)
    facts.push({ label: 'rows', value: stats.numRecords.toLocaleString('en-US') });
  const ranges = Object.keys({ ...(stats?.minValues ?? {}), ...(stats?.maxValues ?? {}) })
    .filter((c) => isScalar(stats?.minValues?.[c]) || isScalar(stats?.maxValues?.[c]))
    .map((c) => `${c} ${shown(stats?.minValues?.[c])} – ${shown(stats?.maxValues?.[c])}`);
  if (ranges.length) facts.push({ label: 'min – max', value: ranges.join('; ') });
  if (add.dataChange === false)
    facts.push({ label: 'data change', value: 'no: the same rows in a new file' });
  return { kind: 'add', title: `add ${decodePath(add.path)}`, facts };
}

function removeFile(remove: Json): ActionSummary {
  const facts: ActionSummary['facts'] = [];
  const partition = partitionText(remove.partitionValues);
  if (partition) facts.push({ label: 'partition', value: partition });
  if (typeof remove.size === 'number') facts.push({ label: 'size', value: formatBytes(remove.size) });
  if (typeof remove.deletionTimestamp === 'number')
    facts.push({ label: 'removed at', value: isoTime(remove.deletionTimestamp) });
  facts.push({
    label: 'file',
    value: 'stays in storage for time travel until VACUUM deletes it',
  });
  if (remove.dataChange === false)
    facts.push({ label: 'data change', value: 'no: its rows live on in a new file' });
  return { kind: 'remove', title: `remove ${decodePath(remove.path)}`, facts };
}

/** `2026-11-25 10:00:00.000` (UTC), as DESCRIBE HISTORY shows times. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function pairs(entries: [string, unknown][]): string {
  return entries.map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ');
}

function partitionText(values: unknown): string {
  return Object.entries((values ?? {}) as Json)
    .map(([k, v]) => `${k}=${v ?? 'null'}`)
    .join('/');
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isScalar(value: unknown): boolean {
  return value !== undefined && (value === null || typeof value !== 'object');
}

function shown(value: unknown): string {
  return value === undefined || value === null ? '?' : String(value);
}

function decodePath(path: unknown): string {
  try {
    return decodeURIComponent(String(path));
  } catch {
    return String(path);
  }
}
