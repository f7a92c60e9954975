import type { ModelDefinition } from '../../pipeline/types';

/**
 * The key a pipeline model's rows are identified by: its MERGE keys, else the columns its grain
 * names ("one row per order_id", "one row per (order_id, order_item_id)"); null when neither says.
 */
export function keyOfModel(model: Pick<ModelDefinition, 'write' | 'grain'>): string[] | null {
  if (model.write.mode === 'merge' && model.write.keys.length > 0) return [...model.write.keys];
  const grain = /^one row per (?:\(([\w\s,]+)\)|(\w+))$/.exec(model.grain.trim());
  if (!grain) return null;
  const columns = (grain[1] ?? grain[2]).split(',').map((c) => c.trim());
  return columns.every((c) => /^\w+$/.test(c)) ? columns : null;
}
