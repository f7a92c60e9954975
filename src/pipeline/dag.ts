import { LakehouseError } from '../engine/errors';
import { tablesReadBy } from './quality/expectation-reads';
import { expectationName } from './quality/expectation-sql';
import type { ModelDefinition, ModelLayer } from './types';

/**
 * Which models a run covers: all, one layer, one model, a model and every model downstream of it,
 * or every model that reads none of the tables named, directly or through other models (`without`).
 */
export type ModelSelection =
  | 'all'
  | { layer: ModelLayer }
  | { model: string }
  | { downstream: string }
  | { without: string | readonly string[] };

/**
 * Order models so each comes after the models it reads (Kahn's algorithm; ties keep the given
 * order). Throws when a model reads itself through a cycle or two models write one table.
 */
export function orderModels(models: readonly ModelDefinition[]): ModelDefinition[] {
  const byName = new Map<string, ModelDefinition>();
  for (const model of models) {
    if (byName.has(model.name))
      throw new LakehouseError('PipelineDefinitionError', `Two models write ${model.name}`);
    byName.set(model.name, model);
    checkOnlyReadsAreWarnings(model);
  }
  const ordered: ModelDefinition[] = [];
  const placed = new Set<string>();
  let remaining = [...models];
  while (remaining.length > 0) {
    const ready = remaining.filter((m) => m.inputs.every((i) => !byName.has(i) || placed.has(i)));
    if (ready.length === 0) {
      const names = remaining.map((m) => m.name).join(', ');
      throw new LakehouseError('PipelineDefinitionError', `The models ${names} read each other in a cycle`);
    }
    for (const model of ready) {
      ordered.push(model);
      placed.add(model.name);
    }
    remaining = remaining.filter((m) => !placed.has(m.name));
  }
  return ordered;
}

/**
 * A check that reads a check-only table may run after the commit (when that table is built), so it
 * can only warn: one that drops, quarantines or fails has to run before anything is committed.
 */
function checkOnlyReadsAreWarnings(model: ModelDefinition): void {
  const checkOnly = new Set(model.checkInputs ?? []);
  for (const expectation of model.expectations) {
    const reads = tablesReadBy(expectation).filter((t) => checkOnly.has(t));
    if (reads.length > 0 && expectation.action !== 'warn') {
      throw new LakehouseError(
        'PipelineDefinitionError',
        `${model.name}: the expectation ${expectationName(expectation)} reads ${reads.join(', ')}, which only its checks read, so its action must be warn (not ${expectation.action})`,
      );
    }
  }
}

/**
 * Move the models that `first` names, each with everything it reads, to the front, in the order
 * `first` gives; the rest follow in their given order. The result stays a valid run order when
 * `ordered` is one: a model moved forward brings every model it reads along, ahead of it.
 */
export function prioritize(ordered: readonly ModelDefinition[], first: readonly string[]): ModelDefinition[] {
  const byName = new Map(ordered.map((m) => [m.name, m]));
  const wanted = new Set<string>();
  const want = (name: string) => {
    const model = byName.get(name);
    if (!model || wanted.has(name)) return;
    wanted.add(name);
    for (const input of model.inputs) want(input);
  };
  const front: ModelDefinition[] = [];
  for (const name of first) {
    const before = new Set(wanted);
    want(name);
    front.push(...ordered.filter((m) => wanted.has(m.name) && !before.has(m.name)));
  }
  return [...front, ...ordered.filter((m) => !wanted.has(m.name))];
}

/**
 * The models a selection names, in run order (a downstream selection: the model first, then what
 * reads it, each after its inputs). Throws for an unknown model name.
 */
export function selectModels(
  ordered: readonly ModelDefinition[],
  selection: ModelSelection,
): ModelDefinition[] {
  if (selection === 'all') return [...ordered];
  if ('layer' in selection) return ordered.filter((m) => m.layer === selection.layer);
  if ('without' in selection) {
    const left: readonly string[] =
      typeof selection.without === 'string' ? [selection.without] : selection.without;
    const reading = new Set(left.flatMap((table) => [...downstreamOf(ordered, table)]));
    return ordered.filter((m) => !left.includes(m.name) && !reading.has(m.name));
  }
  const name = 'model' in selection ? selection.model : selection.downstream;
  const model = ordered.find((m) => m.name === name);
  if (!model) {
    throw new LakehouseError('UnknownModel', `There is no model named ${name}`, {
      known: ordered.map((m) => m.name),
    });
  }
  if ('model' in selection) return [model];
  const below = downstreamOf(ordered, name);
  return ordered.filter((m) => m.name === name || below.has(m.name));
}

/** Every model that reads `table`, directly or through other models. */
export function downstreamOf(models: readonly ModelDefinition[], table: string): Set<string> {
  const found = new Set<string>();
  const visit = (name: string) => {
    for (const model of models) {
      if (model.inputs.includes(name) && !found.has(model.name)) {
        found.add(model.name);
        visit(model.name);
      }
    }
  };
  visit(table);
  return found;
}

/** The sources' tables (read by a model, written by none) split by whether building a table needs them. */
export interface SourceSplit {
  /** What building the table reads, through the models that build its inputs and their checks, in run order. */
  needed: string[];
  /** Every other source table the models read. */
  others: string[];
}

/**
 * Which source tables building `table` needs: those its model, the models upstream of it and the
 * models building what any of their checks read (check-only inputs too, so every check runs as it
 * would in one whole run) read; `ordered` is a run order.
 */
export function sourcesNeededFor(ordered: readonly ModelDefinition[], table: string): SourceSplit {
  const byName = new Map(ordered.map((m) => [m.name, m]));
  const needs = new Set<string>();
  const visit = (name: string) => {
    for (const read of [...(byName.get(name)?.inputs ?? []), ...(byName.get(name)?.checkInputs ?? [])]) {
      if (needs.has(read)) continue;
      needs.add(read);
      visit(read);
    }
  };
  visit(table);
  const sources: string[] = [];
  for (const model of prioritize(ordered, [table])) {
    for (const read of [...model.inputs, ...(model.checkInputs ?? [])])
      if (!byName.has(read) && !sources.includes(read)) sources.push(read);
  }
  return {
    needed: sources.filter((t) => needs.has(t)),
    others: sources.filter((t) => !needs.has(t)),
  };
}
