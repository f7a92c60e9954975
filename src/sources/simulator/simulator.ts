import { Rng } from '../generator/rng';
import { TextBytes } from '../generator/text-bytes';
import type { SimulatorCatalog, SimulatorFaults, SimulatorPosition } from './catalog';
import { eventLine, type SimulatedEvent } from './event-line';
import { makePools } from './pools';
import { SessionMaker } from './sessions';

/** One generated batch: newline-delimited JSON. */
export interface SimulatedBatch {
  bytes: Uint8Array;
  /** Lines written (events, duplicates and malformed lines). */
  lines: number;
  purchases: number;
}

/** Mean browsing visits between two purchases: a conversion rate of about 3.5%. */
const VISITS_PER_PURCHASE = 28;
/** When the orders run out, the clock moves on by this much per visit. */
const SECONDS_PER_VISIT_AFTER_ORDERS = 30;

/**
 * The clickstream simulator: visits along the loaded orders' timeline, each order bought in a
 * visit at its own purchase time, with ~28 browsing visits (by customers or anonymous visitors)
 * between two purchases. Faults are injected per line. Seeded: the same seed, catalog and
 * starting position give the same batches.
 */
export class ClickstreamSimulator {
  private readonly rng: Rng;
  private readonly sessions: SessionMaker;
  private queue: SimulatedEvent[] = [];
  private head = 0;
  private readonly held: Array<{ line: string; due: number }> = [];
  private batchNo = 0;
  readonly position: SimulatorPosition;

  constructor(
    private readonly catalog: SimulatorCatalog,
    seed: number,
    private readonly faults: SimulatorFaults,
    start: SimulatorPosition,
  ) {
    this.rng = new Rng(seed, `clickstream:${start.nextOrder}:${start.clock}`);
    this.sessions = new SessionMaker(catalog, makePools(seed));
    this.position = { ...start };
    if (this.position.clock === 0)
      this.position.clock = (catalog.orderTimes[0] ?? Date.UTC(2017, 0, 1) / 1000) - 3600;
  }

  /**
   * The next batch of about `events` lines. `last` ends a run: it delivers events held back as
   * late arrivals and the rest of the visit in progress, so the next run starts clean.
   */
  nextBatch(events: number, last = false): SimulatedBatch {
    this.batchNo++;
    const { faults, rng } = this;
    const extra =
      faults.newFieldFromBatch !== null && this.batchNo >= faults.newFieldFromBatch
        ? ',"app_version":"2.4.1"'
        : '';
    const out = new TextBytes(events * 360);
    let lines = 0;
    let purchases = 0;
    // Lines go to the byte buffer 256 at a time: one encodeInto call per block, not per line.
    let block: string[] = [];
    const emit = (line: string) => {
      block.push(line);
      lines++;
      if (block.length === 256) {
        out.write(block.join('\n') + '\n');
        block = [];
      }
    };
    for (let k = this.held.length - 1; k >= 0; k--) {
      if (this.held[k].due <= this.batchNo || last) emit(this.held.splice(k, 1)[0].line);
    }
    // The last batch of a run also empties the queue: the position then says exactly which orders were bought.
    while (lines < events || (last && this.head < this.queue.length)) {
      if (this.head === this.queue.length) this.refill();
      const event = this.queue[this.head++];
      const isPurchase = event.type === 'purchase';
      if (isPurchase) purchases++;
      const line = eventLine(event, extra);
      if (!isPurchase && rng.chance(faults.malformedRate)) {
        emit(line.slice(0, 20 + rng.int(line.length - 40)));
        continue;
      }
      if (rng.chance(faults.lateRate) && !last) {
        this.held.push({ line, due: this.batchNo + 1 + rng.int(3) });
        continue;
      }
      emit(line);
      if (rng.chance(faults.duplicateRate)) emit(line);
    }
    if (block.length > 0) out.write(block.join('\n') + '\n');
    return { bytes: out.finish(), lines, purchases };
  }

  /** Queue the next visits: browsing visits up to the next purchase, then the purchase visit. */
  private refill(): void {
    const { catalog, rng, position } = this;
    this.queue = [];
    this.head = 0;
    const next = position.nextOrder;
    if (next < catalog.orderIds.length) {
      const until = catalog.orderTimes[next];
      const visits = Math.floor(rng.exponential(VISITS_PER_PURCHASE));
      const span = Math.max(0, until - position.clock);
      const starts = Array.from({ length: visits }, () => position.clock + rng.float() * span).sort(
        (a, b) => a - b,
      );
      for (const start of starts) this.queue.push(...this.sessions.browse(rng, start));
      this.queue.push(...this.sessions.purchase(rng, next));
      position.clock = Math.max(position.clock, until);
      position.nextOrder = next + 1;
    } else {
      position.clock += SECONDS_PER_VISIT_AFTER_ORDERS * (0.5 + rng.float());
      this.queue.push(...this.sessions.browse(rng, position.clock));
    }
  }
}
