import type { LatestModelRun } from '../../pipeline/runner/lineage';
import type { PipelineProgress } from '../../service/contract';
import type { NumberFormats } from '../shell/number-format';
import type { DagLayout, DagNode } from './dag-layout';

/** What a box of the drawn pipeline says about its table. */
export interface NodeFacts {
  /** A model's run status (`running`, `success`, `up_to_date`, `never run`…), a Bronze table's state. */
  status: string;
  rows?: number;
  version?: number;
  elapsedMs?: number;
  /** Why it failed or was skipped. */
  error?: string;
}

/** Where the facts come from: the current run's progress, the latest recorded run, the lake's versions. */
export interface FactSources {
  live?: PipelineProgress;
  last?: LatestModelRun;
  /** The table's latest version (undefined: the lake does not have it). */
  version?: number;
}

/** The facts of one box: live progress first, then the latest recorded run. */
export function factsOf(node: DagNode, { live, last, version }: FactSources): NodeFacts {
  if (node.layer === 'source') return { status: '' };
  if (node.layer === 'bronze')
    return { status: version === undefined ? 'not ingested' : 'ingested', version };
  const status = live?.status ?? last?.status ?? 'never run';
  const liveDone = live?.status === 'success';
  const lastDone = last?.status === 'success';
  return {
    status,
    version,
    rows: liveDone
      ? live.rowsOut
      : lastDone && live?.status !== 'running'
        ? Number(last.rows_out)
        : undefined,
    elapsedMs: liveDone
      ? live.elapsedMs
      : lastDone && live?.status !== 'running'
        ? last.elapsed_ms
        : undefined,
    error: status === 'up_to_date' ? undefined : (live?.error ?? last?.error ?? undefined),
  };
}

/** A status as words: `up_to_date` → `up to date`. */
export function statusText(status: string): string {
  return status === 'running' ? 'running…' : status.replaceAll('_', ' ');
}

/** The second line of a box: rows, version and time, those known. */
export function factLine(facts: NodeFacts, f: NumberFormats): string {
  const parts: string[] = [];
  if (facts.rows !== undefined) parts.push(`${f.count(facts.rows)} rows`);
  if (facts.version !== undefined) parts.push(`v${facts.version}`);
  if (facts.elapsedMs !== undefined) parts.push(`${f.decimal(facts.elapsedMs / 1000, 2)} s`);
  return parts.join(' · ');
}

const LAYER_NAMES = { source: 'Source', bronze: 'Bronze table', silver: 'Silver model', gold: 'Gold model' };

/** The box's accessible name: what it is, its facts, and what it reads and feeds. */
export function describeNode(node: DagNode, facts: NodeFacts, layout: DagLayout, f: NumberFormats): string {
  const name = node.layer === 'source' ? node.label : node.id;
  const parts = [`${name}, ${LAYER_NAMES[node.layer]}`];
  if (facts.status) parts.push(statusText(facts.status).replace('…', ''));
  if (facts.rows !== undefined) parts.push(`${f.count(facts.rows)} rows`);
  if (facts.version !== undefined) parts.push(`version ${facts.version}`);
  if (facts.elapsedMs !== undefined) parts.push(`${f.decimal(facts.elapsedMs / 1000, 2)} seconds`);
  if (facts.error) parts.push(facts.error);
  const reads = layout.edges
    .filter((e) => e.to === node.id && !e.from.startsWith('source:'))
    .map((e) => e.from);
  const feeds = layout.edges.filter((e) => e.from === node.id).map((e) => e.to);
  let text = parts.join(', ');
  if (reads.length) text += `; reads ${reads.join(', ')}`;
  if (feeds.length) text += `; ${node.layer === 'source' ? 'writes' : 'read by'} ${feeds.join(', ')}`;
  return text;
}
