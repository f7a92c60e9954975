import { beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../../../src/pipeline/registry';
import type { PipelineRunResult } from '../../../src/pipeline/runner/run-types';
import { FIXTURE } from './helpers/fixture';
import { bootPipeline, ingest, type PipelineHarness } from './helpers/setup';
import type { ModelFixture } from '../../../src/pipeline/model-fixture';

// Given the hand-made Bronze fixture (helpers/fixture.ts) run through every model, each model's
// table holds what the fixture beside it (src/pipeline/<layer>/<name>.fixture.ts) expects.
const FIXTURES = Object.entries(
  import.meta.glob<ModelFixture>('../../../src/pipeline/*/*.fixture.ts', { eager: true, import: 'default' }),
).map(([path, fixture]) => ({
  model: path.replace(/^.*\/src\/pipeline\/(\w+)\/(\w+)\.fixture\.ts$/, '$1.$2'),
  fixture,
}));

let harness: PipelineHarness;
let run: PipelineRunResult;

beforeAll(async () => {
  harness = await bootPipeline();
  await ingest(harness.store, FIXTURE);
  run = await harness.runner.run();
});

describe('the hand-made fixture through every model', () => {
  it('runs every model and commits each', () => {
    expect(run.status).toBe('success');
    expect(run.models.filter((m) => m.status !== 'success')).toEqual([]);
    expect(run.models).toHaveLength(20);
  });

  it('has a fixture file only for models of the pipeline', () => {
    const models = new Set(MODELS.map((m) => m.name));
    expect(FIXTURES.map((f) => f.model).filter((name) => !models.has(name))).toEqual([]);
    expect(FIXTURES.length).toBeGreaterThanOrEqual(20);
  });
});

describe.each(FIXTURES)('$model', ({ model, fixture }) => {
  const finding = (expectation: string) =>
    run.models.find((m) => m.model === model)?.expectations.find((e) => e.expectation === expectation);

  for (const { it: behaviour, expect: queries } of fixture.cases) {
    it(behaviour, async () => {
      for (const { sql, rows } of queries) expect(await harness.engine.query(sql), sql).toEqual(rows);
    });
  }

  for (const { expectation, rowsFailing, sample } of fixture.findings ?? []) {
    it(`${expectation} finds ${rowsFailing} row(s) and only warns`, () => {
      expect(finding(expectation)).toMatchObject({ success: false, action: 'warn', rowsFailing });
    });
    if (sample)
      it(`${expectation} names the failing rows in a sample`, () => {
        expect(finding(expectation)?.sample).toEqual(sample.map((row) => expect.objectContaining(row)));
      });
  }
});
