import type { SqlEngine } from '../engine/types';
import type { LakeApi } from '../lake/lake-api';
import type { Storage } from '../lake/storage/types';
import type { UploadFile } from './archive/upload-entries';
import { ingestNewEventBatches } from './ingest/events-ingestor';
import type { IngestFileReport } from './ingest/ingest-report';
import { ingestUploads } from './ingest/ingest-uploads';
import { OlistIngestor } from './ingest/olist-ingestor';
import { SourceJob } from './ingest/source-job';

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
   * Files already held are skipped silently.
   */
  async ingestLanding(job: SourceJob): Promise<IngestFileReport[]> {
    const held = await this.ingestor.held();
    const reports: IngestFileReport[] = [];
    for (const file of await this.ingestor.landing.olistFiles()) {
      if (held.paths.has(file.path)) continue;
      await job.checkpoint(`Ingesting ${file.path}`);
      const bytes = await this.ingestor.landing.read(file.path);
      const name = file.path.split('/').pop()!;
      const report = await this.ingestor.ingest(
        { label: file.path, name, bytes, landingPath: file.path },
        job,
        held,
      );
      if (report.status !== 'already ingested') reports.push(report);
    }
    reports.push(...(await ingestNewEventBatches(this.ingestor, job)));
    return reports;
  }
}
