import type { SqlEngine } from '../engine/types';
import type { LakeApi } from '../lake/lake-api';
import type { FileInfo, Storage } from '../lake/storage/types';
import { CancelledError } from '../engine/errors';
import type { UploadFile } from './archive/upload-entries';
import { ingestNewEventBatches } from './ingest/events-ingestor';
import type { IngestFileReport } from './ingest/ingest-report';
import { ingestUploads } from './ingest/ingest-uploads';
import { HeldFiles, OlistIngestor } from './ingest/olist-ingestor';
import { SourceJob } from './ingest/source-job';
import { errorMessage } from '../engine/error-message';

/**
 * The sources' public face in the engine worker: uploads into Bronze, and the landing zone's new
 * files (generator output, simulator batches) into Bronze — each file exactly once.
 */
export class Sources {
  readonly ingestor: OlistIngestor;

  constructor(deps: { engine: SqlEngine; lake: LakeApi; storage: Storage }) {
    this.ingestor = new OlistIngestor(deps);
  }

  /** Ingest uploaded files (CSV, CSV.gz, zip); one report row per CSV. */
  ingestFiles(files: UploadFile[], job: SourceJob): Promise<IngestFileReport[]> {
    return ingestUploads(files, this.ingestor, job);
  }

  /**
   * Ingest every landed file Bronze does not hold yet (like Auto Loader with `availableNow`):
   * Olist CSVs in landing/olist/ one commit each, then simulator batches into bronze.events.
   * Files already held are skipped silently. `only` narrows it to those landing paths (in that
   * order, events not included): the rest stay landed for the next ingestion.
   */
  async ingestLanding(job: SourceJob, only?: readonly string[]): Promise<IngestFileReport[]> {
    const held = await this.ingestor.held();
    const reports: IngestFileReport[] = [];
    for (const file of inOrder(await this.ingestor.landing.olistFiles(), only)) {
      if (held.paths.has(file.path)) continue;
      await job.checkpoint(`Ingesting ${file.path}`);
      const report = await this.ingestLanded(file, job, held);
      if (report.status !== 'already ingested') reports.push(report);
    }
    if (!only) reports.push(...(await ingestNewEventBatches(this.ingestor, job)));
    return reports;
  }

  /**
   * Ingest one landed Olist file. A failure that is not about the file (out of memory, storage
   * full, another tab's reset) is reported rather than thrown: the file stays landed and is tried
   * again next time, and the files after it (and the event stream) are not held up by it.
   */
  private async ingestLanded(file: FileInfo, job: SourceJob, held: HeldFiles): Promise<IngestFileReport> {
    const started = performance.now();
    try {
      const bytes = await this.ingestor.landing.read(file.path);
      const name = file.path.split('/').pop()!;
      return await this.ingestor.ingest({ label: file.path, name, bytes, landingPath: file.path }, job, held);
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      const reason = errorMessage(error);
      return {
        file: file.path,
        table: null,
        rows: 0,
        bytes: file.size,
        ms: performance.now() - started,
        status: 'failed',
        message: `${file.path}: not ingested (${reason}). The file stays in the landing zone and is tried again at the next ingestion.`,
      };
    }
  }
}

/** The landed files `only` names, in its order (all of them, in landing order, without it). */
function inOrder(files: FileInfo[], only: readonly string[] | undefined): FileInfo[] {
  if (!only) return files;
  const byPath = new Map(files.map((f) => [f.path, f]));
  return only.flatMap((path) => byPath.get(path) ?? []);
}
