/**
 * Runs async jobs one at a time, in the order they were queued. The engine worker has one
 * DuckDB connection; a console query that arrives during a pipeline run waits its turn
 * instead of interleaving with the run's statements.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
