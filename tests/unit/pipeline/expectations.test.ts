import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Expectation } from '../../../src/pipeline/quality/expectation-types';
import { toValidationResult } from '../../../src/pipeline/quality/expectation-result';
import { readValidationResults } from '../../../src/pipeline/quality/read-validation';
import { PipelineRunner } from '../../../src/pipeline/runner/pipeline-runner';
import { DuckDbTableStore } from '../../../src/pipeline/store/duckdb-table-store';
import type { ModelDefinition } from '../../../src/pipeline/types';
import { bootPipeline, type PipelineHarness } from './helpers/setup';

let harness: PipelineHarness;

/** Five parcels and two depots; parcel 5 names a depot that does not exist. */
const PARCELS = `select parcel_id, depot_id, size, weight_kg::double as weight_kg, label from (values
  (1, 'd1', 'small', 2.5, 'a'),
  (2, 'd1', 'large', 40.0, 'b'),
  (3, 'd2', null, -1.0, 'c'),
  (4, 'd2', 'huge', 12.0, 'c'),
  (5, 'd9', 'small', 3.0, null)
) as v(parcel_id, depot_id, size, weight_kg, label)`;

function checked(expectations: Expectation[], name = 'gold.parcels'): ModelDefinition {
  return {
    name,
    layer: 'gold',
    grain: 'one row per parcel_id',
    sql: 'select * from silver.parcels_src',
    inputs: ['silver.parcels_src', 'silver.depots'],
    write: { mode: 'overwrite' },
    expectations,
  };
}

const downstream: ModelDefinition = {
  name: 'gold.parcel_count',
  layer: 'gold',
  grain: 'one row',
  sql: 'select count(*) as parcels from gold.parcels',
  inputs: ['gold.parcels'],
  write: { mode: 'overwrite' },
  expectations: [],
};

const independent: ModelDefinition = {
  name: 'gold.depot_count',
  layer: 'gold',
  grain: 'one row',
  sql: 'select count(*) as depots from silver.depots',
  inputs: ['silver.depots'],
  write: { mode: 'overwrite' },
  expectations: [],
};

async function runWith(expectations: Expectation[], extra: ModelDefinition[] = []) {
  return new PipelineRunner(harness.store, [checked(expectations), ...extra]).run();
}

beforeAll(async () => {
  harness = await bootPipeline();
});

beforeEach(async () => {
  // A clean slate without paying for a new engine: every schema the store and runner write.
  for (const schema of ['silver', 'gold', 'meta', 'quarantine', '_store']) {
    await harness.engine.exec(`drop schema if exists ${schema} cascade`);
  }
  harness = { ...harness, store: new DuckDbTableStore(harness.engine) };
  await harness.store.write('silver.parcels_src', { mode: 'overwrite', sql: PARCELS });
  await harness.store.write('silver.depots', {
    mode: 'overwrite',
    sql: `select * from (values ('d1'), ('d2')) as v(depot_id)`,
  });
});

describe('each expectation type finds exactly the rows that break it', () => {
  it.each<[string, Expectation, number[]]>([
    ['not_null', { type: 'not_null', column: 'size', action: 'warn' }, [3]],
    ['unique over one column', { type: 'unique', columns: ['depot_id'], action: 'warn' }, [1, 2, 3, 4]],
    [
      'unique over two columns, NULLs not compared',
      { type: 'unique', columns: ['depot_id', 'label'], action: 'warn' },
      [3, 4],
    ],
    [
      'accepted_values (NULL passes)',
      { type: 'accepted_values', column: 'size', values: ['small', 'large'], action: 'warn' },
      [4],
    ],
    [
      'relationships',
      { type: 'relationships', column: 'depot_id', to: 'silver.depots', field: 'depot_id', action: 'warn' },
      [5],
    ],
    [
      'range with both bounds',
      { type: 'range', column: 'weight_kg', min: 0, max: 20, action: 'warn' },
      [2, 3],
    ],
    ['range with a lower bound only', { type: 'range', column: 'weight_kg', min: 3, action: 'warn' }, [1, 3]],
    [
      'a free SQL expression, which may look at the row as t',
      { type: 'expression', name: 'light_or_large', sql: "weight_kg < 10 or size = 'large'", action: 'warn' },
      [4],
    ],
    [
      'an expression with a subquery',
      {
        type: 'expression',
        name: 'depot_has_another_parcel',
        sql: 'exists (select 1 from silver.parcels_src as o where o.depot_id = t.depot_id and o.parcel_id <> t.parcel_id)',
        action: 'warn',
      },
      [5],
    ],
  ])('%s', async (_label, expectation, failingIds) => {
    const run = await runWith([expectation]);
    const [result] = run.models[0].expectations;
    expect(result).toMatchObject({
      success: false,
      rowsChecked: 5,
      rowsFailing: failingIds.length,
      action: 'warn',
    });
    expect(result.sample.map((r) => r.parcel_id).sort()).toEqual(failingIds);
    expect(run.status).toBe('success');
    expect(await harness.engine.query('select count(*) as n from gold.parcels')).toEqual([{ n: 5 }]);
  });

  it('row_count between bounds is a table-level check', async () => {
    const run = await runWith([
      { type: 'row_count', min: 1, max: 5, action: 'warn' },
      { type: 'row_count', min: 6, action: 'warn' },
    ]);
    expect(run.models[0].expectations.map((e) => [e.expectation, e.success, e.rowsChecked])).toEqual([
      ['row_count(1..5)', true, 5],
      ['row_count(6..)', false, 5],
    ]);
  });

  it('binds accepted values as parameters: a quote in a value is data', async () => {
    const run = await runWith([
      {
        type: 'accepted_values',
        column: 'size',
        values: ["small' or '1'='1", 'large', 'huge'],
        action: 'warn',
      },
    ]);
    expect(run.models[0].expectations[0].sample.map((r) => r.parcel_id)).toEqual([1, 5]);
  });
});

describe('actions', () => {
  it('drop: the failing rows leave the output, the run succeeds', async () => {
    const run = await runWith([{ type: 'not_null', column: 'label', action: 'drop' }]);
    expect(run.models[0]).toMatchObject({
      status: 'success',
      rowsOut: 4,
      rowsDropped: 1,
      rowsQuarantined: 0,
    });
    expect(await harness.engine.query('select parcel_id from gold.parcels order by 1')).toEqual([
      { parcel_id: 1 },
      { parcel_id: 2 },
      { parcel_id: 3 },
      { parcel_id: 4 },
    ]);
  });

  it('quarantine: the failing rows go to quarantine.<layer>_<name> with the run, the check and the reason', async () => {
    const run = await runWith([
      {
        type: 'relationships',
        column: 'depot_id',
        to: 'silver.depots',
        field: 'depot_id',
        action: 'quarantine',
      },
      { type: 'range', column: 'weight_kg', min: 0, action: 'quarantine' },
    ]);
    expect(run.models[0]).toMatchObject({ status: 'success', rowsOut: 3, rowsQuarantined: 2 });
    expect(
      await harness.engine.query(
        'select parcel_id, depot_id, _run_id, _expectation, _reason from quarantine.gold_parcels order by parcel_id',
      ),
    ).toEqual([
      {
        parcel_id: 3,
        depot_id: 'd2',
        _run_id: run.runId,
        _expectation: 'range(weight_kg)',
        _reason: 'weight_kg is outside [0, inf]',
      },
      {
        parcel_id: 5,
        depot_id: 'd9',
        _run_id: run.runId,
        _expectation: 'relationships(depot_id -> silver.depots.depot_id)',
        _reason: 'depot_id is not in silver.depots.depot_id',
      },
    ]);
    expect(await harness.engine.query('select parcel_id from gold.parcels order by 1')).toEqual([
      { parcel_id: 1 },
      { parcel_id: 2 },
      { parcel_id: 4 },
    ]);
  });

  it('fail: nothing is committed, the previous version stays, nothing downstream runs, independent models do', async () => {
    const first = await runWith([], [downstream]);
    expect(first.status).toBe('success');
    const versionBefore = await harness.store.latestVersion('gold.parcels');
    await harness.store.write('silver.parcels_src', {
      mode: 'append',
      sql: `select 6 as parcel_id, 'd1' as depot_id, 'small' as size, 900.0 as weight_kg, 'z' as label`,
    });

    const run = await runWith(
      [{ type: 'range', column: 'weight_kg', max: 100, action: 'fail' }],
      [downstream, independent],
    );

    expect(run.status).toBe('failed');
    expect(run.failure).toEqual({
      model: 'gold.parcels',
      reason: 'expectation range(weight_kg) failed on 1 of 6 rows',
    });
    expect(run.models.map((m) => [m.model, m.status])).toEqual([
      ['gold.parcels', 'failed'],
      ['gold.depot_count', 'success'],
      ['gold.parcel_count', 'skipped'],
    ]);
    expect(run.models[2].error).toBe('not run: gold.parcels failed');
    expect(await harness.store.latestVersion('gold.parcels')).toBe(versionBefore);
    expect(await harness.engine.query('select count(*) as n from gold.parcels')).toEqual([{ n: 5 }]);
    expect(await harness.engine.query('select parcels from gold.parcel_count')).toEqual([{ parcels: 5 }]);
  });

  it('fail: the next run tries the failed model again', async () => {
    await runWith([{ type: 'not_null', column: 'size', action: 'fail' }]);
    const again = await runWith([{ type: 'not_null', column: 'size', action: 'fail' }]);
    expect(again.models[0].status).toBe('failed');
  });

  it('a model whose SQL fails commits nothing and reports DuckDB’s message', async () => {
    const broken: ModelDefinition = { ...checked([]), sql: 'select no_such_column from silver.parcels_src' };
    const run = await new PipelineRunner(harness.store, [broken]).run();
    expect(run.failure?.model).toBe('gold.parcels');
    expect(run.failure?.reason).toContain('Referenced column "no_such_column" not found');
    expect(await harness.store.latestVersion('gold.parcels')).toBe(-1);
  });
});

describe('results are stored per run, in the shape Great Expectations users know', () => {
  it('writes one meta.quality_results row per expectation with counts and a failing sample', async () => {
    const run = await runWith([
      { type: 'not_null', column: 'size', action: 'warn' },
      { type: 'unique', columns: ['parcel_id'], action: 'fail' },
    ]);
    const rows = await harness.engine.query(
      `select run_id, model, expectation, expectation_type, action, success, rows_checked, rows_failing,
              unexpected_percent, failing_sample
       from meta.quality_results order by expectation`,
    );
    expect(rows).toEqual([
      {
        run_id: run.runId,
        model: 'gold.parcels',
        expectation: 'not_null(size)',
        expectation_type: 'expect_column_values_to_not_be_null',
        action: 'warn',
        success: false,
        rows_checked: 5,
        rows_failing: 1,
        unexpected_percent: 20,
        failing_sample: JSON.stringify([
          { parcel_id: 3, depot_id: 'd2', size: null, weight_kg: -1, label: 'c' },
        ]),
      },
      {
        run_id: run.runId,
        model: 'gold.parcels',
        expectation: 'unique(parcel_id)',
        expectation_type: 'expect_column_values_to_be_unique',
        action: 'fail',
        success: true,
        rows_checked: 5,
        rows_failing: 0,
        unexpected_percent: 0,
        failing_sample: '[]',
      },
    ]);
  });

  it('assembles a validation result with success, statistics and results', async () => {
    const run = await runWith([
      { type: 'not_null', column: 'size', action: 'warn' },
      { type: 'unique', columns: ['parcel_id'], action: 'fail' },
    ]);
    const validation = toValidationResult(run.runId, 'gold.parcels', run.models[0].expectations);
    expect(validation.success).toBe(false);
    expect(validation.statistics).toEqual({
      evaluated_expectations: 2,
      successful_expectations: 1,
      unsuccessful_expectations: 1,
      success_percent: 50,
    });
    expect(validation.results[0]).toEqual({
      success: false,
      expectation_config: {
        expectation_type: 'expect_column_values_to_not_be_null',
        kwargs: { column: 'size' },
        meta: { name: 'not_null(size)', action: 'warn', description: undefined },
      },
      result: {
        element_count: 5,
        unexpected_count: 1,
        unexpected_percent: 20,
        partial_unexpected_list: [{ parcel_id: 3, depot_id: 'd2', size: null, weight_kg: -1, label: 'c' }],
      },
    });
  });

  it('reads a stored run back as the same validation result', async () => {
    const run = await runWith([
      { type: 'not_null', column: 'size', action: 'warn' },
      { type: 'accepted_values', column: 'size', values: ['small', 'large'], action: 'warn' },
    ]);
    await runWith([{ type: 'unique', columns: ['parcel_id'], action: 'warn' }]);

    const stored = await readValidationResults(harness.store, run.runId);

    expect(stored).toEqual([toValidationResult(run.runId, 'gold.parcels', run.models[0].expectations)]);
    const latest = await readValidationResults(harness.store);
    expect(latest.map((v) => v.results.map((r) => r.expectation_config.meta.name))).toEqual([
      ['unique(parcel_id)'],
    ]);
  });
});

describe('checks that read a table only checks read (checkInputs)', () => {
  /** gold.parcels checks its depots against gold.depot_list, built by a model after it. */
  const parcels = (action: Expectation['action'] = 'warn'): ModelDefinition => ({
    ...checked([
      { type: 'not_null', column: 'size', action: 'warn' },
      { type: 'relationships', column: 'depot_id', to: 'gold.depot_list', field: 'depot_id', action },
      { type: 'range', column: 'weight_kg', min: 0, action: 'warn' },
    ]),
    inputs: ['silver.parcels_src'],
    checkInputs: ['gold.depot_list'],
  });
  const depotList = (sql = 'select depot_id from silver.depots'): ModelDefinition => ({
    name: 'gold.depot_list',
    layer: 'gold',
    grain: 'one row per depot_id',
    sql,
    inputs: ['silver.depots'],
    write: { mode: 'overwrite' },
    expectations: [],
  });

  it('do not hold the model back: it runs first, its check runs once the table is built, results in declared order', async () => {
    const run = await new PipelineRunner(harness.store, [parcels(), depotList()], []).run();
    expect(run.models.map((m) => m.model)).toEqual(['gold.parcels', 'gold.depot_list']);
    const [parcelRun] = run.models;
    expect(parcelRun.expectations.map((e) => [e.expectation, e.rowsChecked, e.rowsFailing])).toEqual([
      ['not_null(size)', 5, 1],
      ['relationships(depot_id -> gold.depot_list.depot_id)', 5, 1],
      ['range(weight_kg)', 5, 1],
    ]);
    expect(parcelRun.expectations[1].sample.map((r) => r.parcel_id)).toEqual([5]);
    expect(parcelRun.inputVersions['gold.depot_list']).toBe(
      await harness.store.latestVersion('gold.depot_list'),
    );
    const recorded = await harness.engine.query(
      `select expectation, expectation_index, rows_failing from meta.quality_results
       where model = 'gold.parcels' order by expectation_index`,
    );
    expect(recorded.map((r) => [r.expectation_index, r.rows_failing])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    // Nothing new: the next run does nothing (the check-only table's new version alone is not new work).
    expect((await new PipelineRunner(harness.store, [parcels(), depotList()], []).run()).status).toBe(
      'up_to_date',
    );
  });

  it('say a check could not run when the table it reads was never built', async () => {
    const run = await new PipelineRunner(
      harness.store,
      [parcels(), depotList('select nope from silver.depots')],
      [],
    ).run();
    expect(run.models.map((m) => [m.model, m.status])).toEqual([
      ['gold.parcels', 'success'],
      ['gold.depot_list', 'failed'],
    ]);
    expect(run.models[0].expectations[1]).toMatchObject({
      success: false,
      rowsChecked: 0,
      description: 'Not checked: gold.depot_list does not exist (its model did not run).',
    });
  });

  it('may only warn: a check that drops, quarantines or fails must run before the commit', () => {
    expect(() => new PipelineRunner(harness.store, [parcels('quarantine'), depotList()])).toThrow(
      'gold.parcels: the expectation relationships(depot_id -> gold.depot_list.depot_id) reads gold.depot_list, which only its checks read, so its action must be warn (not quarantine)',
    );
  });
});
