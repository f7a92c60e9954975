import * as Comlink from 'comlink';
import type { Progress } from '../../engine/types';
import type {
  EngineApi,
  GenerateSummary,
  SimulateRequest,
  SimulateSummary,
  StreamRequest,
  StreamTick,
} from '../../service/contract';
import type { IngestFileReport } from '../../sources/ingest/ingest-report';
import type { SimulationResult } from '../../sources/simulator/simulator-runner';
import { dataVersion } from '../shell/data-version.svelte';
import { appStatus } from '../shell/status.svelte';
import { formatCount, formatMs } from './format';
import { errorMessage } from '../../engine/error-message';

/** The progress bar's state: the latest report and when the step began (for the rate). */
export interface ShownProgress extends Progress {
  startedAt: number;
  updatedAt: number;
}

/** What the Sources screen's actions ask of the engine worker: its sources namespace. */
export type SourcesBackend = Pick<
  EngineApi['sources'],
  | 'ingest'
  | 'ingestLanding'
  | 'generateOlist'
  | 'simulateEvents'
  | 'startEventStream'
  | 'stopEventStream'
  | 'eventStreamRunning'
  | 'cancel'
>;

/**
 * What the Sources screen shows, shared by its buttons and `window.lakehouse.ingest()`: one
 * source action at a time, its progress, the per-file report, and the status region's words.
 */
export class SourcesRun {
  busy = $state<string | null>(null);
  progress = $state<ShownProgress | null>(null);
  reports = $state<IngestFileReport[]>([]);
  /** The last ingestion's per-file report as plain data (not the state proxy). */
  lastReports(): IngestFileReport[] {
    return $state.snapshot(this.reports);
  }
  error = $state<string | null>(null);
  lastGeneration = $state<GenerateSummary | null>(null);
  lastSimulation = $state<SimulateSummary | null>(null);
  streaming = $state(false);
  streamTicks = $state<StreamTick[]>([]);
  lastStream = $state<SimulationResult | null>(null);
  /** When Bronze last took new rows from this screen (Date.now()), 0 before: the pipeline is due. */
  newRowsAt = $state(0);

  /** Ingest files as the upload input does; resolves with the per-file report. */
  ingest(sources: SourcesBackend, files: File[]): Promise<IngestFileReport[]> {
    return this.act(
      `Ingesting ${files.length} ${files.length === 1 ? 'file' : 'files'}`,
      async (onProgress) => {
        const reports = await sources.ingest(files, onProgress);
        this.reports = reports;
        appStatus.set(
          this.withNextStep(ingestMessage(reports), newRows(reports)),
          reports.some((r) => r.status === 'failed' || r.status === 'unrecognised') ? 'error' : 'ok',
        );
        return reports;
      },
    );
  }

  /** Ingest every landed file Bronze does not hold yet (after a cancelled or interrupted ingestion). */
  ingestLanding(sources: SourcesBackend): Promise<IngestFileReport[]> {
    return this.act('Ingesting new landing files', async (onProgress) => {
      const reports = await sources.ingestLanding(onProgress);
      this.reports = reports;
      appStatus.set(
        reports.length === 0
          ? 'Nothing new in the landing zone'
          : this.withNextStep(ingestMessage(reports), newRows(reports)),
        'ok',
      );
      return reports;
    });
  }

  /** Forget a stream the engine no longer runs (stopped by a reset elsewhere). */
  async syncStream(sources: SourcesBackend): Promise<void> {
    if (this.streaming && !(await sources.eventStreamRunning())) this.streaming = false;
  }

  /** Generate the Olist files, land them and ingest them. */
  generate(sources: SourcesBackend, options: { scale: number; seed: number }): Promise<GenerateSummary> {
    return this.act(`Generating Olist data at scale ${options.scale}`, async (onProgress) => {
      const summary = await sources.generateOlist(options, onProgress);
      this.lastGeneration = summary;
      this.reports = summary.reports;
      const rows = summary.reports.reduce((sum, r) => sum + r.rows, 0);
      appStatus.set(
        this.withNextStep(
          `Generated 9 Olist files in ${formatMs(summary.generation.generateMs)}; ${formatCount(rows)} new rows ingested into Bronze in ${formatMs(summary.ingestMs)}`,
          rows,
        ),
        'ok',
      );
      return summary;
    });
  }

  /** Write N batches of M events and ingest them. */
  simulate(sources: SourcesBackend, options: SimulateRequest): Promise<SimulateSummary> {
    return this.act('Simulating clickstream events', async (onProgress) => {
      const summary = await sources.simulateEvents(options, onProgress);
      this.lastSimulation = summary;
      this.reports = summary.reports;
      const { events, eventsPerSecond } = summary.simulation;
      appStatus.set(
        this.withNextStep(
          `Simulated ${formatCount(events)} events (${formatCount(Math.round(eventsPerSecond))} events/s); ingested into bronze.events in ${formatMs(summary.ingestMs)}`,
          newRows(summary.reports),
        ),
        'ok',
      );
      return summary;
    });
  }

  /** Start the event stream: a batch every interval, each ingested by a trigger. */
  async startStream(sources: SourcesBackend, options: StreamRequest): Promise<void> {
    if (this.streaming || this.busy) return;
    this.error = null;
    this.streamTicks = [];
    this.streaming = true;
    appStatus.set('Event stream running', 'busy');
    try {
      await sources.startEventStream(
        options,
        Comlink.proxy((tick: StreamTick) => {
          this.streamTicks = [tick, ...this.streamTicks].slice(0, 50);
          dataVersion.bump();
        }),
      );
    } catch (error) {
      this.streaming = false;
      this.fail(error);
    }
  }

  /** Stop the stream (its last batch delivers held-back late events) and ingest what is left. */
  async stopStream(sources: SourcesBackend): Promise<void> {
    if (!this.streaming) return;
    try {
      this.lastStream = await sources.stopEventStream();
      const events = this.lastStream?.events ?? 0;
      appStatus.set(`Event stream stopped after ${formatCount(events)} events`, 'ok');
    } catch (error) {
      this.fail(error);
    } finally {
      this.streaming = false;
      dataVersion.bump();
    }
  }

  /** Ask the running action to stop. */
  async cancel(sources: SourcesBackend): Promise<void> {
    await sources.cancel();
  }

  private async act<T>(label: string, work: (onProgress: (p: Progress) => void) => Promise<T>): Promise<T> {
    if (this.busy) throw new Error(`${this.busy} is still running`);
    this.busy = label;
    this.error = null;
    const startedAt = performance.now();
    this.progress = { step: label, done: 0, unit: 'steps', startedAt, updatedAt: startedAt };
    appStatus.set(`${label}…`, 'busy');
    const onProgress = Comlink.proxy((p: Progress) => {
      const now = performance.now();
      const sameStep = this.progress && this.progress.unit === p.unit && this.progress.total === p.total;
      this.progress = { ...p, startedAt: sameStep ? this.progress!.startedAt : now, updatedAt: now };
    });
    try {
      return await work(onProgress);
    } catch (error) {
      this.fail(error);
      throw error;
    } finally {
      this.busy = null;
      this.progress = null;
      dataVersion.bump();
    }
  }

  /** After new Bronze rows, the status says what comes next, and the screen offers it. */
  private withNextStep(message: string, rows: number): string {
    if (rows === 0) return message;
    this.newRowsAt = Date.now();
    return `${message}. ${NEXT_STEP}`;
  }

  private fail(error: unknown): void {
    this.error = errorMessage(error);
    appStatus.set(this.error, 'error');
  }
}

/** What the status region says to do once Bronze has new rows. */
export const NEXT_STEP = 'Next: Run pipeline to build Silver and Gold from them';

function newRows(reports: IngestFileReport[]): number {
  return reports.filter((r) => r.status === 'ingested').reduce((sum, r) => sum + r.rows, 0);
}

/** The status region's summary of an ingestion. */
export function ingestMessage(reports: IngestFileReport[]): string {
  const count = (status: IngestFileReport['status']) => reports.filter((r) => r.status === status).length;
  const rows = reports.reduce((sum, r) => sum + r.rows, 0);
  const parts = [
    `Ingested ${count('ingested')} of ${reports.length} files into Bronze (${formatCount(rows)} rows)`,
  ];
  if (count('already ingested') > 0) parts.push(`${count('already ingested')} already ingested`);
  if (count('unrecognised') > 0) parts.push(`${count('unrecognised')} not recognised`);
  if (count('failed') > 0) parts.push(`${count('failed')} failed`);
  // Name the first problem, so the status region says what is wrong, not only that something is.
  const problem = reports.find((r) => r.status === 'failed' || r.status === 'unrecognised');
  return parts.join('; ') + (problem?.message ? ` — ${problem.message}` : '');
}

export const sourcesRun = new SourcesRun();
