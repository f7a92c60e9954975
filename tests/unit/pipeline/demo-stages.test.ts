import { describe, expect, it } from 'vitest';
import { BRONZE_SOURCE_COLUMNS, isBronzeTable } from '../../../src/pipeline/bronze-tables';
import { orderModels, selectModels } from '../../../src/pipeline/dag';
import { MODELS } from '../../../src/pipeline/registry';
import { FIRST_BRONZE, LATER_BRONZE } from '../../../src/ui/demo/demo-bronze';

const byName = new Map(MODELS.map((m) => [m.name, m]));

/** Every table that building `table` reads, its models' checks included, through the models. */
function needs(table: string, found = new Set<string>()): Set<string> {
  const model = byName.get(table);
  for (const read of [...(model?.inputs ?? []), ...(model?.checkInputs ?? [])]) {
    if (found.has(read)) continue;
    found.add(read);
    needs(read, found);
  }
  return found;
}

describe('the demo in two stages', () => {
  it('ingests first exactly the Bronze tables gold.daily_sales and its models’ checks read', () => {
    const bronze = [...needs('gold.daily_sales')].filter(isBronzeTable).sort();
    expect([...FIRST_BRONZE].sort()).toEqual(bronze);
  });

  it('ingests every other Bronze table after the first stage', () => {
    expect([...FIRST_BRONZE, ...LATER_BRONZE].sort()).toEqual(Object.keys(BRONZE_SOURCE_COLUMNS).sort());
  });

  it('builds gold.daily_sales in its first stage, each model with everything it and its checks read', () => {
    const first = selectModels(orderModels(MODELS), { without: LATER_BRONZE });
    const built = new Set(first.map((m) => m.name));
    const ingested = new Set<string>(FIRST_BRONZE);
    expect(built.has('gold.daily_sales')).toBe(true);
    for (const model of first) {
      for (const read of [...model.inputs, ...(model.checkInputs ?? [])])
        expect(built.has(read) || ingested.has(read), `${model.name} reads ${read}`).toBe(true);
    }
  });
});
