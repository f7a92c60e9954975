import type { EngineClient } from '../engine-client';
import { demoRun } from '../demo/demo-run.svelte';
import { dataVersion } from '../shell/data-version.svelte';
import { appStatus } from '../shell/status.svelte';
import { createStepContext } from './learn-context';
import {
  markReset,
  markTried,
  readProgress,
  writeProgress,
  type KeyValueStore,
  type LearnProgress,
} from './progress-store';
import type { AnyStep, StepContext } from './step-types';
import { STEPS } from './steps';
import { errorMessage } from '../../engine/error-message';

/** The walkthrough's state: the step on screen, progress, the effect each step showed, what runs. */
export class LearnModel {
  progress = $state<LearnProgress>({ step: 0, seen: [], restorePoints: {} });
  /** The effect of each step's last "Try it" in this page (not kept across reloads). */
  effects = $state.raw<Record<string, unknown>>({});
  /** The id of the step whose "Try it" or reset runs, or 'fresh' for a fresh demo. */
  running = $state<string | null>(null);
  errors = $state<Record<string, string>>({});

  constructor(
    readonly steps: AnyStep[],
    private readonly context: StepContext,
    private readonly store: KeyValueStore,
    private readonly engine: EngineClient,
  ) {
    this.progress = readProgress(
      store,
      steps.map((s) => s.id),
    );
  }

  get step(): AnyStep {
    return this.steps[this.progress.step];
  }

  /** Show step `index`. */
  go(index: number): void {
    this.save({ ...this.progress, step: Math.max(0, Math.min(index, this.steps.length - 1)) });
  }

  seen(step: AnyStep): boolean {
    return this.progress.seen.includes(step.id);
  }

  /** Do the step on the learner's lakehouse and keep its effect. */
  async tryIt(step: AnyStep): Promise<void> {
    await this.act(step.id, async () => {
      const effect = await step.tryIt(this.context);
      this.effects = { ...this.effects, [step.id]: effect };
      this.save(markTried(this.progress, step.id, step.restorePoints?.(effect) ?? {}));
      appStatus.set(`Learn: “${step.title}” done — its effect is drawn in the step`, 'ok');
    });
  }

  /** Put the lakehouse back as it was before the step's first "Try it". */
  async reset(step: AnyStep): Promise<void> {
    await this.act(step.id, async () => {
      if (step.reset) await step.reset(this.context);
      const points = this.progress.restorePoints[step.id] ?? {};
      for (const [table, version] of Object.entries(points)) {
        const latest = await this.engine.lake.latestVersion(table);
        if (latest >= 0 && latest !== version) await this.engine.lake.restore(table, version);
      }
      if (step.rerunAfterReset && Object.keys(points).length) await this.context.runPipeline();
      const { [step.id]: _dropped, ...rest } = this.effects;
      void _dropped;
      this.effects = rest;
      this.save(markReset(this.progress, step.id));
      appStatus.set(`Learn: “${step.title}” reset — try it again`, 'ok');
    });
  }

  /** Empty the lakehouse and run the demo again: every step starts afresh. */
  async freshDemo(): Promise<void> {
    await this.act('fresh', async () => {
      await this.engine.admin.reset();
      dataVersion.bump();
      this.effects = {};
      this.save({ ...this.progress, seen: [], restorePoints: {} });
      await demoRun.run(this.engine);
      appStatus.set('Learn: a fresh demo lakehouse is ready', 'ok');
    });
  }

  private async act(id: string, job: () => Promise<void>): Promise<void> {
    if (this.running) return;
    this.running = id;
    const { [id]: _old, ...errors } = this.errors;
    void _old;
    this.errors = errors;
    try {
      await job();
    } catch (error) {
      const message = errorMessage(error);
      this.errors = { ...this.errors, [id]: message };
      appStatus.set(`Learn: ${message}`, 'error');
    } finally {
      this.running = null;
      dataVersion.bump();
    }
  }

  private save(progress: LearnProgress): void {
    this.progress = progress;
    try {
      writeProgress(this.store, progress);
    } catch {
      // storage disabled (private mode): progress lasts for this page only
    }
  }
}

let shared: LearnModel | null = null;

/** The page's one walkthrough (it outlives the Learn screen, so a step keeps running when the learner looks elsewhere). */
export function learnModel(engine: EngineClient): LearnModel {
  shared ??= new LearnModel(STEPS, createStepContext(engine), localStorage, engine);
  return shared;
}
