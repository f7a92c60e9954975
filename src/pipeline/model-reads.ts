import { tablesReadBy } from './quality/expectation-reads';
import { tablesReadBySql } from './sql-reads';
import { layerDefaults } from './layer-defaults';
import type { ModelDefinition } from './types';

/**
 * A model as its file declares it: what it reads is taken from its SQL and its checks, its layer
 * from its name, and how it writes from its layer's defaults unless it says otherwise.
 */
export type ModelDeclaration = Omit<ModelDefinition, 'inputs' | 'checkInputs' | 'layer' | 'write'> &
  Partial<Pick<ModelDefinition, 'write'>>;

/**
 * A model whose `inputs` are the tables its SQL reads and whose `checkInputs` are the tables only
 * its checks read, so the run order follows the SQL and a check-only read never gates it.
 */
export function defineModel(declaration: ModelDeclaration): ModelDefinition {
  const { layer, write } = layerDefaults(declaration.name);
  const inputs = tablesReadBySql(declaration.sql);
  const read = new Set(inputs);
  const checkInputs = [
    ...new Set(declaration.expectations.flatMap((expectation) => tablesReadBy(expectation))),
  ].filter((table) => !read.has(table) && table !== declaration.name);
  return {
    layer,
    write,
    ...declaration,
    inputs,
    ...(checkInputs.length > 0 ? { checkInputs } : {}),
  };
}
