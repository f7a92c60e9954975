import { expect, test } from './fixtures';

// Full-pipeline and incremental times in Chromium at the sizes. Minutes at scale 1.0, so
// it runs only when asked: PIPELINE_MEASURE="0.1:100000,1:1000000" (scale:events, comma-separated).
const SIZES = (process.env.PIPELINE_MEASURE ?? '')
  .split(',')
  .filter(Boolean)
  .map((pair) => pair.split(':').map(Number) as [scale: number, events: number]);

test.skip(SIZES.length === 0, 'set PIPELINE_MEASURE to measure');
test.setTimeout(3_600_000);

for (const [scale, events] of SIZES) {
  test(`Bronze -> Gold at scale ${scale} with ${events} events, then one new event batch`, async ({
    page,
    openApp,
  }) => {
    await openApp();
    const batches = 10;
    const timing = await page.evaluate(
      async ({ scale, events, batches }) => {
        const lakehouse = window.lakehouse;
        let t = performance.now();
        await lakehouse.engine.sources.generateOlist({ scale, seed: 2018 });
        const generateMs = performance.now() - t;
        t = performance.now();
        const faults = { duplicateRate: 0.01, lateRate: 0.01, malformedRate: 0.002, newFieldFromBatch: 2 };
        await lakehouse.engine.sources.simulateEvents({
          batches,
          eventsPerBatch: events / batches,
          seed: 7,
          faults,
        });
        const simulateMs = performance.now() - t;
        const full = await lakehouse.runPipeline();
        await lakehouse.engine.sources.simulateEvents({
          batches: 1,
          eventsPerBatch: events / batches,
          seed: 8,
          faults,
        });
        const incremental = await lakehouse.runPipeline();
        return {
          generateMs,
          simulateMs,
          fullMs: full.elapsedMs,
          incrementalMs: incremental.elapsedMs,
          incrementalModels: incremental.models.filter((m) => m.status === 'success').map((m) => m.model),
          slowest: full.models
            .map((m) => [m.model, Math.round(m.elapsedMs)] as const)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 5),
        };
      },
      { scale, events, batches },
    );
    console.log(
      `[measure] Chromium, scale ${scale}, ${events} events: generate+ingest ${timing.generateMs.toFixed(0)} ms, ` +
        `simulate+ingest ${timing.simulateMs.toFixed(0)} ms, pipeline Bronze -> Gold ${timing.fullMs.toFixed(0)} ms, ` +
        `incremental after one ${events / batches}-event batch ${timing.incrementalMs.toFixed(0)} ms; ` +
        `slowest models ${JSON.stringify(timing.slowest)}`,
    );
    expect(timing.incrementalModels).toEqual([
      'silver.events',
      'gold.funnel_daily',
      'gold.customer_features',
    ]);
  });
}
