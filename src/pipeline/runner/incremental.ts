import { isBronzeTable } from '../bronze-tables';
import type { ModelStore } from '../model-store';
import type { ModelDefinition } from '../types';
import type { LastRun } from './lineage';

/**
 * Whether a model has anything new to do: it never ran, its table is gone, its definition
 * changed, or an input's latest version is not the one it last read. A Bronze input that does not
 * exist counts as version -1 (read as empty), so its first ingestion makes the model due.
 */
export async function isDue(
  store: ModelStore,
  model: ModelDefinition,
  definitionHash: string,
  last: LastRun | undefined,
): Promise<boolean> {
  if (!last || last.definitionHash !== definitionHash) return true;
  if ((await store.latestVersion(model.name)) < 0) return true;
  for (const input of model.inputs) {
    const version = await store.latestVersion(input);
    if (version < 0 && !isBronzeTable(input)) return true;
    if (last.inputVersions[input] !== version) return true;
  }
  return false;
}
