/** Whether a lock holder shares the lock with other shared holders or holds it alone. */
export type LockMode = 'exclusive' | 'shared';

/**
 * Named locks that writers of a table take: one implementation over the Web Locks API (across tabs
 * and workers of an origin), one in process for Node. A lock is released when `job` settles.
 */
export interface TableLocks {
  run<T>(name: string, mode: LockMode, job: () => Promise<T>): Promise<T>;
}

interface Waiter {
  mode: LockMode;
  start: () => void;
}

interface LockState {
  exclusive: boolean;
  shared: number;
  queue: Waiter[];
}

/** Locks within one JavaScript process (Node tests, scripts); FIFO, so writers are not starved. */
export class InProcessTableLocks implements TableLocks {
  private readonly states = new Map<string, LockState>();

  async run<T>(name: string, mode: LockMode, job: () => Promise<T>): Promise<T> {
    await this.acquire(name, mode);
    try {
      return await job();
    } finally {
      this.release(name, mode);
    }
  }

  private acquire(name: string, mode: LockMode): Promise<void> {
    const state = this.states.get(name) ?? { exclusive: false, shared: 0, queue: [] };
    this.states.set(name, state);
    return new Promise((resolve) => {
      state.queue.push({ mode, start: resolve });
      this.grant(name);
    });
  }

  private release(name: string, mode: LockMode): void {
    const state = this.states.get(name)!;
    if (mode === 'exclusive') state.exclusive = false;
    else state.shared--;
    this.grant(name);
  }

  private grant(name: string): void {
    const state = this.states.get(name)!;
    while (state.queue.length > 0 && !state.exclusive) {
      const head = state.queue[0];
      if (head.mode === 'exclusive' && state.shared > 0) break;
      state.queue.shift();
      if (head.mode === 'exclusive') state.exclusive = true;
      else state.shared++;
      head.start();
    }
    if (!state.exclusive && state.shared === 0 && state.queue.length === 0) this.states.delete(name);
  }
}
