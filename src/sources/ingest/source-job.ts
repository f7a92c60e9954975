import { CancelledError } from '../../engine/errors';
import type { Progress, ProgressCallback } from '../../engine/types';

const YIELD_EVERY_MS = 40;
const REPORT_EVERY_MS = 100;

/**
 * One long source step (ingest, generate, simulate): reports progress at most ten times a
 * second, yields to the event loop now and then so a cancel request can arrive, and stops with
 * CancelledError at the next checkpoint once cancelled.
 */
export class SourceJob {
  private cancelled = false;
  private lastYield = performance.now();
  private lastReport = 0;

  constructor(
    readonly name: string,
    private readonly onProgress?: ProgressCallback,
  ) {}

  /** Ask the job to stop at its next checkpoint. */
  cancel(): void {
    this.cancelled = true;
  }

  /** True once cancel() was called. */
  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Report progress (throttled; `force` for the first and last report of a step). */
  progress(progress: Progress, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastReport < REPORT_EVERY_MS) return;
    this.lastReport = now;
    this.onProgress?.(progress);
  }

  /** Let queued messages in (a cancel) and stop here if the job was cancelled. */
  async checkpoint(step = this.name): Promise<void> {
    if (performance.now() - this.lastYield >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      this.lastYield = performance.now();
    }
    if (this.cancelled) throw new CancelledError(step);
  }
}
