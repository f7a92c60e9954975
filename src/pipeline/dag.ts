import { LakehouseError } from '../engine/errors';
import type { ModelDefinition, ModelLayer } from './types';

/** Which models a run covers. */
export type ModelSelection = 'all' | { layer: ModelLayer } | { model: string };

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

/** The models a selection names, in run order. Throws for an unknown model name. */
export function selectModels(
  ordered: readonly ModelDefinition[],
  selection: ModelSelection,
): ModelDefinition[] {
  if (selection === 'all') return [...ordered];
  if ('layer' in selection) return ordered.filter((m) => m.layer === selection.layer);
  const model = ordered.find((m) => m.name === selection.model);
  if (!model) {
    throw new LakehouseError('UnknownModel', `There is no model named ${selection.model}`, {
      known: ordered.map((m) => m.name),
    });
  }
  return [model];
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
