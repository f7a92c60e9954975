import { it } from 'vitest';
import { bootNodeEngine } from '../../../src/engine/boot-node';
import { Lake } from '../../../src/lake/lake';
import { MemoryStorage } from '../../../src/lake/storage/memory-storage';
import { PipelineRunner } from '../../../src/pipeline/runner/pipeline-runner';
import { LakeModelStore } from '../../../src/pipeline/store/lake-model-store';
import { loadGenerated } from './helpers/bronze';
it('smoke', async () => {
  const { engine, parquet } = await bootNodeEngine();
  const lake = new Lake({ engine, parquet, storage: new MemoryStorage() });
  const store = new LakeModelStore(lake, engine);
  let t0 = performance.now();
  await loadGenerated(engine, store, { scale: Number(process.env.SCALE ?? 0.1), seed: 42 });
  console.log('load', performance.now() - t0);
  const runner = new PipelineRunner(store);
  t0 = performance.now();
  const r = await runner.run();
  console.log('run', performance.now() - t0);
  console.log(
    r.status,
    r.failure,
    r.models
      .map(
        (m) =>
          `${m.model} ${m.status} out=${m.rowsOut} ${Math.round(m.elapsedMs)}ms ${JSON.stringify(Object.fromEntries(Object.entries(m.phaseMs ?? {}).map(([k, v]) => [k, Math.round(v)])))}`,
      )
      .join('\n'),
  );
  t0 = performance.now();
  const r2 = await runner.run();
  console.log('second', r2.status, performance.now() - t0);
});
