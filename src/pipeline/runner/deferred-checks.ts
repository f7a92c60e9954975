import { quoteQualified } from '../../engine/sql-quote';
import type { ModelStore } from '../model-store';
import { checkExpectations } from '../quality/check-expectations';
import type { ExpectationResult } from '../quality/expectation-result';
import { expectationKwargs, expectationName, greatExpectationsType } from '../quality/expectation-sql';
import { tablesReadBy } from '../quality/expectation-reads';
import type { Expectation } from '../quality/expectation-types';
import type { ModelDefinition } from '../types';
import { loadInput } from './bronze-placeholders';
import type { ModelRunResult } from './run-types';

/** A model's expectations split: those checked with its rows now, and those that wait for a table. */
export interface ExpectationSplit {
  now: Expectation[];
  /** Position in the model's expectations, and the check-only tables not built yet in this run. */
  later: Array<{ index: number; expectation: Expectation; waitingFor: string[] }>;
}

/**
 * Split a model's expectations by whether the check-only tables they read are ready: a table is
 * not ready while a model of this run that writes it has still to run.
 */
export function splitExpectations(model: ModelDefinition, notReady: ReadonlySet<string>): ExpectationSplit {
  const checkOnly = new Set(model.checkInputs ?? []);
  const split: ExpectationSplit = { now: [], later: [] };
  model.expectations.forEach((expectation, index) => {
    const waitingFor = tablesReadBy(expectation).filter((t) => checkOnly.has(t) && notReady.has(t));
    if (waitingFor.length === 0) split.now.push(expectation);
    else split.later.push({ index, expectation, waitingFor });
  });
  return split;
}

interface Waiting {
  model: ModelDefinition;
  result: ModelRunResult;
  later: ExpectationSplit['later'];
}

/**
 * Checks of committed models that read a table a later model of the run builds (a `warn`
 * relationship to silver.products, say): they run against the committed rows once every table
 * they read is built (or its model has failed), and their results join the model's result in the
 * order the model declares its expectations.
 */
export class DeferredChecks {
  private readonly waiting: Waiting[] = [];

  constructor(private readonly store: ModelStore) {}

  /** Hold `later` checks of a model that committed. */
  hold(model: ModelDefinition, result: ModelRunResult, split: ExpectationSplit): void {
    if (split.later.length > 0) this.waiting.push({ model, result, later: split.later });
  }

  /** A model of the run has finished (whatever its status): run the checks that waited only for it. */
  async finished(table: string): Promise<void> {
    for (const entry of [...this.waiting]) {
      for (const check of entry.later) check.waitingFor = check.waitingFor.filter((t) => t !== table);
      if (entry.later.every((check) => check.waitingFor.length === 0)) {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        await this.run(entry);
      }
    }
  }

  /** Run whatever still waits (a table its model never built in this run is checked as it is). */
  async flush(): Promise<void> {
    for (const entry of this.waiting.splice(0)) await this.run(entry);
  }

  private async run({ model, result, later }: Waiting): Promise<void> {
    const results = new Map<number, ExpectationResult>();
    const ready: typeof later = [];
    for (const check of later) {
      const missing = await this.missingTables(check.expectation, result);
      if (missing.length === 0) ready.push(check);
      else results.set(check.index, notChecked(check.expectation, missing));
    }
    if (ready.length > 0) {
      await this.store.ensureLoaded(model.name);
      const checked = await checkExpectations(
        this.store.sql,
        quoteQualified(model.name),
        ready.map((c) => c.expectation),
      );
      ready.forEach((check, i) => results.set(check.index, checked[i].result));
    }
    // Back into declaration order: the checks run with the rows, then these, by index.
    const ordered: ExpectationResult[] = [];
    let nowIndex = 0;
    model.expectations.forEach((_, index) => {
      ordered.push(results.get(index) ?? result.expectations[nowIndex++]);
    });
    result.expectations = ordered;
  }

  /** Load the tables a check reads (recording their versions); returns those that do not exist. */
  private async missingTables(expectation: Expectation, result: ModelRunResult): Promise<string[]> {
    const missing: string[] = [];
    for (const table of tablesReadBy(expectation)) {
      try {
        result.inputVersions[table] = await loadInput(this.store, table);
      } catch {
        missing.push(table);
      }
    }
    return missing;
  }
}

function notChecked(expectation: Expectation, missing: string[]): ExpectationResult {
  return {
    expectation: expectationName(expectation),
    type: expectation.type,
    action: expectation.action,
    success: false,
    rowsChecked: 0,
    rowsFailing: 0,
    sample: [],
    kwargs: expectationKwargs(expectation),
    greatExpectationsType: greatExpectationsType(expectation),
    description: `Not checked: ${missing.join(', ')} does not exist (its model did not run).`,
  };
}
