import * as Comlink from 'comlink';
import { CancelledError, LakehouseError } from '../engine/errors';
import type { Progress, ProgressCallback } from '../engine/types';
import type { GenerationResult } from '../sources/generator/generate-to-landing';
import type { IngestFileReport } from '../sources/ingest/ingest-report';
import type { IngestedFile } from '../sources/landing/ingest-checkpoint';
import { LANDING, OLIST_FILES } from '../sources/olist-files';
import { SourceJob } from '../sources/ingest/source-job';
import type { SimulatorCatalog, SimulatorFaults } from '../sources/simulator/catalog';
import { readCatalog } from '../sources/simulator/read-catalog';
import type { LandedBatch, SimulationResult } from '../sources/simulator/simulator-runner';
import { spawnGenerator, spawnSimulator, type SpawnedWorker } from '../sources/source-workers';
import { Sources } from '../sources/sources';
import { warmUpEngine, whileWarmingUp } from './engine-warm-up';
import type { SimulatorApi } from '../../workers/simulator.worker';
import type { ServiceDeps, WithDeps } from './service-deps';

/** What "Generate" resolves with: the landed files, then their ingestion into Bronze. */
export interface GenerateSummary {
  generation: GenerationResult;
  reports: IngestFileReport[];
  ingestMs: number;
}

/** What "Simulate" resolves with: the batches written, then their ingestion into bronze.events. */
export interface SimulateSummary {
  simulation: SimulationResult;
  reports: IngestFileReport[];
  ingestMs: number;
}

/** One trigger of the event stream: the batch that landed and what was ingested after it. */
export interface StreamTick {
  batch: LandedBatch;
  reports: IngestFileReport[];
  ingestMs: number;
}

/** Options of the simulator's two modes. */
export interface SimulateRequest {
  batches: number;
  eventsPerBatch: number;
  seed: number;
  faults: SimulatorFaults;
}
export interface StreamRequest {
  eventsPerBatch: number;
  intervalMs: number;
  seed: number;
  faults: SimulatorFaults;
}

/** Uploads, the Olist generator and the clickstream simulator, all landing in Bronze exactly once. */
export function createSourcesService(withDeps: WithDeps) {
  let sources: Sources | null = null;
  const sourcesOf = (deps: ServiceDeps) => (sources ??= new Sources(deps));
  let job: SourceJob | null = null;
  let stopWorker: (() => void) | null = null;
  let streamStarting = false;
  let stream: { simulator: SpawnedWorker<SimulatorApi>; trigger: () => Promise<void> } | null = null;

  /**
   * Wait for a worker's work; cancelSources() terminates the worker and rejects. The generator
   * lands nothing until all nine files are built, and every simulator batch lands whole.
   */
  const untilCancelled = async <T>(
    step: string,
    worker: SpawnedWorker<unknown>,
    work: Promise<T>,
  ): Promise<T> => {
    if (stopWorker) {
      worker.terminate();
      throw new LakehouseError('Busy', 'Another generation or simulation is running.');
    }
    const cancelled = new Promise<never>((_, reject) => {
      stopWorker = () => {
        worker.terminate();
        reject(new CancelledError(step));
      };
    });
    try {
      return await Promise.race([work, cancelled]);
    } finally {
      stopWorker = null;
      worker.terminate();
    }
  };

  /** Run a cancellable job in the engine's queue. */
  const running = <T>(
    name: string,
    onProgress: ProgressCallback | undefined,
    work: (s: Sources, j: SourceJob) => Promise<T>,
  ) =>
    withDeps(async (deps) => {
      const current = new SourceJob(name, onProgress);
      job = current;
      try {
        return await work(sourcesOf(deps), current);
      } finally {
        if (job === current) job = null;
      }
    });

  return {
    /** Ingest uploaded files (CSVs, .csv.gz, the Kaggle zip) into Bronze; one report row per CSV. */
    ingest(files: File[], onProgress?: ProgressCallback): Promise<IngestFileReport[]> {
      return running('Ingestion', onProgress, (s, j) => s.ingestFiles(files, j));
    },

    /** Ingest every landed file Bronze does not hold yet (Auto Loader's availableNow). */
    ingestLanding(onProgress?: ProgressCallback): Promise<IngestFileReport[]> {
      return running('Ingestion', onProgress, (s, j) => s.ingestLanding(j));
    },

    /**
     * Generate the nine Olist CSVs (in their own worker), land them, and ingest them into Bronze.
     * With `ingestOnly` (Bronze tables), only those tables' files are ingested now, in that order;
     * the others stay landed for the next ingestion (ingestLanding, simulateEvents).
     */
    async generateOlist(
      options: { scale: number; seed: number | string; ingestOnly?: readonly string[] },
      onProgress?: ProgressCallback,
    ): Promise<GenerateSummary> {
      const { ingestOnly, ...generate } = options;
      const generator = spawnGenerator();
      // The engine is idle while the generator works: warm it up for the ingestion (engine-warm-up.ts).
      const generation = await whileWarmingUp(
        (started) =>
          untilCancelled(
            'Generation',
            generator,
            generator.api.generate(
              generate,
              Comlink.proxy((p: Progress) => {
                started();
                onProgress?.(p);
              }),
            ),
          ),
        (stop) => withDeps((deps) => warmUpEngine(deps.engine, deps.parquet, stop)),
      );
      const only = ingestOnly && landedFilesOf(generation, ingestOnly);
      const started = performance.now();
      const reports = await running('Ingestion', onProgress, (s, j) => s.ingestLanding(j, only));
      return { generation, reports, ingestMs: performance.now() - started };
    },

    /** "Generate N batches of M events" from the loaded Olist data, then ingest them into bronze.events. */
    async simulateEvents(options: SimulateRequest, onProgress?: ProgressCallback): Promise<SimulateSummary> {
      const catalog = await withDeps((deps) => readCatalog(deps.lake, deps.engine));
      const simulator = spawnSimulator();
      let simulation: SimulationResult;
      try {
        let done = 0;
        const total = options.batches * options.eventsPerBatch;
        simulation = await simulator.api.run(
          catalog,
          options,
          Comlink.proxy((batch: LandedBatch) => {
            done += batch.lines;
            onProgress?.({
              step: `Simulating events: batch ${batch.seq} written`,
              done,
              total,
              unit: 'events',
            });
          }),
        );
      } finally {
        simulator.terminate();
      }
      const started = performance.now();
      const reports = await running('Ingestion', onProgress, (s, j) => s.ingestLanding(j));
      return { simulation, reports, ingestMs: performance.now() - started };
    },

    /**
     * "Stream": a batch every `intervalMs`, each picked up by a trigger that ingests every new
     * batch into bronze.events (like Structured Streaming with a processing-time trigger).
     */
    async startEventStream(options: StreamRequest, onTick?: (tick: StreamTick) => void): Promise<void> {
      if (stream || streamStarting)
        throw new LakehouseError('StreamRunning', 'The event stream is already running.');
      streamStarting = true;
      let catalog: SimulatorCatalog;
      try {
        catalog = await withDeps((deps) => readCatalog(deps.lake, deps.engine));
      } finally {
        streamStarting = false;
      }
      const simulator = spawnSimulator();
      let inFlight: Promise<void> | null = null;
      let again = false;
      let lastBatch: LandedBatch | null = null;
      const trigger = async (): Promise<void> => {
        if (inFlight) {
          again = true;
          return inFlight;
        }
        inFlight = (async () => {
          do {
            again = false;
            const started = performance.now();
            const reports = await running('Event stream', undefined, (s, j) => s.ingestLanding(j));
            if (lastBatch) onTick?.({ batch: lastBatch, reports, ingestMs: performance.now() - started });
          } while (again);
        })().finally(() => {
          inFlight = null;
        });
        return inFlight;
      };
      stream = { simulator, trigger };
      try {
        await simulator.api.startStream(
          catalog,
          options,
          Comlink.proxy((batch: LandedBatch) => {
            lastBatch = batch;
            void trigger();
          }),
        );
      } catch (error) {
        stream = null;
        simulator.terminate();
        throw error;
      }
    },

    /** Stop the stream, ingest what is left, and say what the stream wrote. */
    async stopEventStream(): Promise<SimulationResult | null> {
      const current = stream;
      if (!current) return null;
      stream = null;
      try {
        const result = await current.simulator.api.stopStream();
        await current.trigger();
        return result;
      } finally {
        current.simulator.terminate();
      }
    },

    /** A landed file's bytes (e.g. to upload the same file again and see it refused as already ingested). */
    readLanded(path: string): Promise<Uint8Array> {
      return withDeps(async ({ storage }) => {
        if (!path.startsWith(`${LANDING.olist}/`) && !path.startsWith(`${LANDING.events}/`))
          throw new LakehouseError('NotLanded', `${path} is not in the landing zone`, { path });
        return storage.read(path);
      });
    },

    /** The landing files a Bronze table holds, as its ingestion checkpoint lists them. */
    ingestedFiles(table: string): Promise<IngestedFile[]> {
      return withDeps((deps) => sourcesOf(deps).ingestor.checkpoint.files(table));
    },

    /** True while the event stream runs. */
    async eventStreamRunning(): Promise<boolean> {
      return stream !== null || streamStarting;
    },

    /** Stop the running source job: files already committed stay, the current one commits nothing. */
    async cancel(): Promise<void> {
      job?.cancel();
      stopWorker?.();
      // A reset follows a cancel: forget cached ingestion state, it is read again from the log.
      sources = null;
    },
  };
}

/** The landing paths of the generated files of `tables`, in the order of `tables`. */
function landedFilesOf(generation: GenerationResult, tables: readonly string[]): string[] {
  return tables.flatMap((table) => {
    const name = OLIST_FILES.find((f) => f.table === table)?.fileName;
    if (!name) throw new LakehouseError('InvalidOption', `${table} is not an Olist Bronze table`);
    return generation.files.filter((f) => f.name === name).map((f) => f.path);
  });
}
