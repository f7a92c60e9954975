import { LakehouseError } from '../engine/errors';
import type { ModelLayer, ModelWrite } from './types';

/** What every model of a layer folder (`src/pipeline/<layer>/`) is unless its declaration says otherwise. */
const DEFAULTS: Record<ModelLayer, { write: ModelWrite }> = {
  silver: { write: { mode: 'overwrite' } },
  gold: { write: { mode: 'overwrite' } },
};

/** The layer a model's name (`silver.orders`) writes to, and that layer's defaults. */
export function layerDefaults(name: string): { layer: ModelLayer; write: ModelWrite } {
  const layer = name.split('.')[0];
  if (!Object.hasOwn(DEFAULTS, layer) || name.split('.').length !== 2)
    throw new LakehouseError(
      'PipelineDefinitionError',
      `A model writes a table named silver.<name> or gold.<name>; ${name} is neither`,
      { model: name },
    );
  return { layer: layer as ModelLayer, ...DEFAULTS[layer as ModelLayer] };
}
