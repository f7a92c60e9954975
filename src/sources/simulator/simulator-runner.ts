import { LakehouseError } from '../../engine/errors';
import type { Storage } from '../../lake/storage/types';
import { LandingZone } from '../landing/landing-zone';
import { LANDING } from '../olist-files';
import type { SimulatorCatalog, SimulatorFaults, SimulatorPosition } from './catalog';
import { ClickstreamSimulator } from './simulator';

/** "Generate N batches of M events". */
export interface SimulateOptions {
  batches: number;
  eventsPerBatch: number;
  seed: number;
  faults: SimulatorFaults;
}

/** "Stream": a batch every `intervalMs` until stopped. */
export interface StreamOptions {
  eventsPerBatch: number;
  intervalMs: number;
  seed: number;
  faults: SimulatorFaults;
}

/** One batch written to the landing zone. */
export interface LandedBatch {
  path: string;
  seq: number;
  lines: number;
  purchases: number;
  bytes: number;
}

/** What a run (or a stream, once stopped) wrote. */
export interface SimulationResult {
  batches: LandedBatch[];
  events: number;
  /** Time spent making events (not writing them), and the rate that gives. */
  generateMs: number;
  eventsPerSecond: number;
  /** Time spent writing batches to storage. */
  landMs: number;
  position: SimulatorPosition;
}

const POSITION_FILE = `${LANDING.checkpoints}/simulator.json`;

/**
 * Runs the simulator next to its storage: batches are written to `landing/events/` as they are
 * made; where the simulated timeline stands is kept in `landing/_checkpoints/simulator.json`, so
 * the next run (or a reloaded tab) continues from there instead of buying the same orders again.
 */
export class SimulatorRunner {
  private readonly landing: LandingZone;
  private stream: { timer: ReturnType<typeof setInterval>; run: RunState; busy: boolean } | null = null;

  constructor(private readonly storage: Storage) {
    this.landing = new LandingZone(storage);
  }

  /** Write `batches` batches of `eventsPerBatch` events. */
  async run(
    catalog: SimulatorCatalog,
    options: SimulateOptions,
    onBatch?: (batch: LandedBatch) => void,
  ): Promise<SimulationResult> {
    const run = await this.begin(catalog, options.seed, options.faults);
    for (let b = 0; b < options.batches; b++) {
      const batch = await this.step(run, options.eventsPerBatch, b === options.batches - 1);
      onBatch?.(batch);
    }
    return this.finish(run);
  }

  /** Start writing a batch every `intervalMs` (the first one right away). */
  async startStream(
    catalog: SimulatorCatalog,
    options: StreamOptions,
    onBatch?: (batch: LandedBatch) => void,
  ): Promise<void> {
    if (this.stream) throw new LakehouseError('StreamRunning', 'The event stream is already running.');
    const run = await this.begin(catalog, options.seed, options.faults);
    const tick = async () => {
      if (!this.stream || this.stream.busy) return;
      this.stream.busy = true;
      try {
        const batch = await this.step(run, options.eventsPerBatch, false);
        onBatch?.(batch);
        await this.savePosition(run.simulator.position);
      } finally {
        if (this.stream) this.stream.busy = false;
      }
    };
    this.stream = { timer: setInterval(tick, Math.max(250, options.intervalMs)), run, busy: false };
    await tick();
  }

  /** Stop the stream; the last batch delivers any events still held back as late arrivals. */
  async stopStream(): Promise<SimulationResult | null> {
    const stream = this.stream;
    if (!stream) return null;
    clearInterval(stream.timer);
    while (stream.busy) await new Promise((resolve) => setTimeout(resolve, 20));
    this.stream = null;
    await this.step(stream.run, 0, true);
    return this.finish(stream.run);
  }

  /** True while a stream runs. */
  streaming(): boolean {
    return this.stream !== null;
  }

  private async begin(catalog: SimulatorCatalog, seed: number, faults: SimulatorFaults): Promise<RunState> {
    const { clock } = await this.readPosition();
    // Orders purchased up to the clock were bought in earlier runs (the catalog may have grown since).
    const nextOrder = clock === 0 ? 0 : upperBound(catalog.orderTimes, clock);
    const position = { clock, nextOrder };
    return {
      simulator: new ClickstreamSimulator(catalog, seed, faults, position),
      seq: await this.landing.nextEventSeq(),
      batches: [],
      generateMs: 0,
      landMs: 0,
    };
  }

  private async step(run: RunState, events: number, last: boolean): Promise<LandedBatch> {
    const t0 = performance.now();
    const batch = run.simulator.nextBatch(events, last);
    const t1 = performance.now();
    if (batch.lines === 0) return { path: '', seq: run.seq, lines: 0, purchases: 0, bytes: 0 };
    const landed = await this.landing.landEventBatch(run.seq, batch.bytes);
    run.generateMs += t1 - t0;
    run.landMs += performance.now() - t1;
    run.seq = landed.seq + 1;
    const result = {
      path: landed.path,
      seq: landed.seq,
      lines: batch.lines,
      purchases: batch.purchases,
      bytes: batch.bytes.length,
    };
    run.batches.push(result);
    return result;
  }

  private async finish(run: RunState): Promise<SimulationResult> {
    await this.savePosition(run.simulator.position);
    const events = run.batches.reduce((sum, b) => sum + b.lines, 0);
    return {
      batches: run.batches,
      events,
      generateMs: run.generateMs,
      eventsPerSecond: run.generateMs > 0 ? (events * 1000) / run.generateMs : 0,
      landMs: run.landMs,
      position: run.simulator.position,
    };
  }

  private async readPosition(): Promise<SimulatorPosition> {
    try {
      return JSON.parse(
        new TextDecoder().decode(await this.storage.read(POSITION_FILE)),
      ) as SimulatorPosition;
    } catch {
      return { clock: 0, nextOrder: 0 };
    }
  }

  private async savePosition(position: SimulatorPosition): Promise<void> {
    await this.storage.write(POSITION_FILE, new TextEncoder().encode(JSON.stringify(position)));
  }
}

interface RunState {
  simulator: ClickstreamSimulator;
  seq: number;
  batches: LandedBatch[];
  generateMs: number;
  landMs: number;
}

/** Number of sorted values at or below `value`. */
function upperBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
