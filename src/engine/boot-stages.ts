/** One step of the engine worker's start-up, for the benchmark's `--profile`. */
export interface BootStage {
  name: string;
  /** When it began, epoch milliseconds (to match it with a reload's window). */
  at: number;
  ms: number;
}

/**
 * The engine worker's start-up, step by step (DuckDB's compile and open, parquet-wasm, the lake's
 * recovery): kept so the benchmark can say which one a reload waits for. Steps may overlap.
 */
export class BootStages {
  private readonly stages: BootStage[] = [];

  /** Run one step and keep how long it took (also when it fails). */
  async time<T>(name: string, step: () => T | Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await step();
    } finally {
      this.stages.push({ name, at: performance.timeOrigin + start, ms: performance.now() - start });
    }
  }

  /** Keep a step timed elsewhere (`startMs`, `endMs`: this context's performance.now()). */
  add(name: string, startMs: number, endMs: number): void {
    this.stages.push({ name, at: performance.timeOrigin + startMs, ms: endMs - startMs });
  }

  /** Every step so far, in the order they ended. */
  list(): BootStage[] {
    return [...this.stages];
  }
}
