import { LakehouseError } from '../engine/errors';
import { defineModel, type ModelDeclaration } from './model-reads';
import type { ModelDefinition } from './types';

/**
 * What a model's `.ts` file says (its default export): what its SQL cannot. Its name is its path
 * (`silver/orders.ts` writes `silver.orders`) and its SQL the `.sql` file beside it.
 */
export type ModelContract = Omit<ModelDeclaration, 'name' | 'sql'>;

/** The layer folders, in the order their models are listed. */
const LAYER_FOLDERS = ['silver', 'gold'];

/**
 * The models of a pipeline from its files, keyed by path (`./silver/orders.sql`,
 * `./silver/orders.ts`, as `import.meta.glob` gives them): each `.sql` with the contract beside
 * it, Silver then Gold, by name. A `.sql` without a contract or a contract without its `.sql`
 * is an error naming the file.
 */
export function modelsFromFiles(
  sqlByPath: Record<string, string>,
  contractByPath: Record<string, ModelContract>,
): ModelDefinition[] {
  const sqlNames = new Set(Object.keys(sqlByPath).map((path) => modelName(path, '.sql')));
  for (const path of Object.keys(contractByPath)) {
    if (!sqlNames.has(modelName(path, '.ts')))
      throw definitionError(`${path} declares a model but no ${path.replace(/\.ts$/, '.sql')} is beside it`);
  }
  const models = Object.entries(sqlByPath).map(([path, sql]) => {
    const contractPath = path.replace(/\.sql$/, '.ts');
    if (!Object.hasOwn(contractByPath, contractPath))
      throw definitionError(`${path} has no ${contractPath} beside it`);
    const contract = contractByPath[contractPath];
    if (!contract) throw definitionError(`${contractPath} has no default export: the model's contract`);
    return defineModel({ name: modelName(path, '.sql'), sql, ...contract });
  });
  return models.sort(
    (a, b) => LAYER_FOLDERS.indexOf(a.layer) - LAYER_FOLDERS.indexOf(b.layer) || a.name.localeCompare(b.name),
  );
}

/** `./silver/orders.sql` → `silver.orders`. */
function modelName(path: string, extension: string): string {
  const parts = path.replace(/^\.\//, '').split('/');
  const file = parts.pop() ?? '';
  return `${parts.join('.')}.${file.slice(0, file.length - extension.length)}`;
}

function definitionError(message: string): LakehouseError {
  return new LakehouseError('PipelineDefinitionError', message);
}
