import type { LakeCommitEvent } from '../lake/lake';

/**
 * What the worker publishes: a table committed at a version (a pipeline model, an ingestion, a
 * console write, a restore), or a reset after which no table exists.
 */
export type CommitEvent = LakeCommitEvent;

/**
 * Hears of every commit (through Comlink.proxy across the worker boundary). It answers with the
 * number of interactive requests it has just sent because of it (a chart re-reading its table),
 * so a long job can let them run before it goes on (`CommitEvents.settle`).
 */
export type CommitListener = (event: CommitEvent) => number | void | Promise<number | void>;

/** How long a publisher waits for a listener's answer (a closed tab never answers). */
const ANSWER_TIMEOUT_MS = 250;

/**
 * The worker's commit feed: "table committed at version N", to every subscriber. A listener's
 * answer is not awaited by the commit itself; `settle` waits for the answers to what was
 * published so far and says how many requests they announced.
 */
export class CommitEvents {
  private readonly listeners = new Map<number, CommitListener>();
  private nextId = 1;
  /** Answers not in yet, and the requests the answers in so far announced, since the last settle. */
  private unanswered = 0;
  private announced = 0;
  private answered: (() => void) | null = null;
  /** The queue's interactive-request count when the first unsettled event was published. */
  private mark: number | null = null;

  /** `interactiveCount`: how many interactive requests the queue has seen (see SerialQueue). */
  constructor(private readonly interactiveCount: () => number = () => 0) {}

  /** Start hearing of commits; the id stops it (`unsubscribe`). */
  subscribe(listener: CommitListener): number {
    const id = this.nextId++;
    this.listeners.set(id, listener);
    return id;
  }

  unsubscribe(id: number): void {
    this.listeners.delete(id);
  }

  /** Tell every listener; never throws (a listener that fails is dropped). */
  publish(event: CommitEvent): void {
    this.mark ??= this.interactiveCount();
    for (const [id, listener] of this.listeners) {
      this.unanswered += 1;
      void (async () => listener(event))().then(
        (count) => this.answer(typeof count === 'number' && count > 0 ? count : 0),
        () => {
          this.listeners.delete(id);
          this.answer(0);
        },
      );
    }
  }

  /**
   * Wait (up to a moment: a closed tab never answers) for the listeners' answers to the events
   * published since the last settle: how many requests they sent, and the queue's count before
   * them (for `SerialQueue.openSlot`).
   */
  async settle(): Promise<{ count: number; since: number }> {
    if (this.unanswered > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ANSWER_TIMEOUT_MS);
        this.answered = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.answered = null;
    }
    const settled = { count: this.announced, since: this.mark ?? this.interactiveCount() };
    this.announced = 0;
    this.mark = null;
    return settled;
  }

  private answer(count: number): void {
    this.unanswered = Math.max(0, this.unanswered - 1);
    this.announced += count;
    if (this.unanswered === 0) this.answered?.();
  }
}
