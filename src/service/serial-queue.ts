/** How a job waits for its turn. */
export interface JobOptions {
  /**
   * A short job a user waits for (a chart's query, a table's history): besides its turn in the
   * queue, it may run in a slot a long job opens between two of its steps (`openSlot`).
   */
  interactive?: boolean;
}

interface Waiting {
  job: () => Promise<unknown>;
  interactive: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs async jobs one at a time, in the order they were queued. The engine worker has one
 * DuckDB connection; a console query that arrives during a pipeline run does not interleave with
 * the run's statements. A long job may open a slot between two of its steps (the pipeline does
 * between models): the interactive jobs waiting then run in it, and the long job goes on after.
 */
export class SerialQueue {
  private readonly waiting: Waiting[] = [];
  private busy = false;
  /** Interactive jobs queued so far: a slot can wait for ones it expects to arrive. */
  private interactiveArrived = 0;

  run<T>(job: () => Promise<T>, options: JobOptions = {}): Promise<T> {
    const interactive = options.interactive ?? false;
    if (interactive) this.interactiveArrived += 1;
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ job, interactive, resolve: resolve as (value: unknown) => void, reject });
      if (!this.busy) void this.drain();
    });
  }

  /** How many interactive jobs have been queued so far (a mark for `openSlot`'s `expect`). */
  get interactiveCount(): number {
    return this.interactiveArrived;
  }

  /**
   * From inside the running job: run the interactive jobs waiting now, in their order, then
   * return. With `expect`, first wait (up to `timeoutMs`) until that many interactive jobs have
   * arrived since the mark `since`: requests a commit event provoked may still be on their way.
   */
  async openSlot(expect?: { count: number; since: number; timeoutMs?: number }): Promise<number> {
    if (expect && expect.count > 0) {
      const deadline = performance.now() + (expect.timeoutMs ?? 250);
      while (this.interactiveArrived - expect.since < expect.count && performance.now() < deadline)
        await nextTask();
    }
    // Only the jobs waiting now: ones that arrive during the slot wait for the next one, so a
    // stream of requests cannot hold the long job back.
    const now = this.waiting.filter((entry) => entry.interactive);
    for (const entry of now) {
      this.waiting.splice(this.waiting.indexOf(entry), 1);
      await settle(entry);
    }
    return now.length;
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      for (let entry = this.waiting.shift(); entry; entry = this.waiting.shift()) await settle(entry);
    } finally {
      this.busy = false;
    }
  }
}

async function settle(entry: Waiting): Promise<void> {
  try {
    entry.resolve(await entry.job());
  } catch (error) {
    entry.reject(error);
  }
}

/** Let queued messages (a request arriving from the UI) be received before looking again. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}
