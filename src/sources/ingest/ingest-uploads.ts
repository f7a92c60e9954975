import { CancelledError } from '../../engine/errors';
import { uploadEntries, type UploadFile } from '../archive/upload-entries';
import { unpackLimits } from '../archive/unpack-limits';
import { IngestProblem } from './ingest-problem';
import type { IngestFileReport } from './ingest-report';
import type { OlistIngestor } from './olist-ingestor';
import type { SourceJob } from './source-job';

/**
 * Ingest what the user gave — CSVs, `.csv.gz` files and zips, in any order and mix — one file at
 * a time, each in its own Bronze commit. Resolves with one report row per file (a zip gives one
 * per CSV inside). When cancelled, the files already committed stay, the current one commits
 * nothing, and the report ends with a row saying so.
 */
export async function ingestUploads(
  files: UploadFile[],
  ingestor: OlistIngestor,
  job: SourceJob,
): Promise<IngestFileReport[]> {
  const reports: IngestFileReport[] = [];
  const held = await ingestor.held();
  // Everything unpacked is landed: an archive may not unpack to more than the storage still free.
  const usage = await ingestor.deps.storage.usage();
  const limits = unpackLimits(Math.max(0, usage.quotaBytes - usage.usedBytes));
  for (const file of files) {
    const started = performance.now();
    let current = file.name;
    try {
      const entries = uploadEntries(
        file,
        (read, total) => job.progress({ step: `Reading ${file.name}`, done: read, total, unit: 'bytes' }),
        limits,
      );
      let reading = performance.now();
      for await (const entry of entries) {
        const readMs = performance.now() - reading;
        current = entry.label;
        await job.checkpoint(`Ingesting ${entry.label}`);
        const report = await ingestor.ingest(entry, job, held);
        reports.push(report.timings ? { ...report, timings: { ...report.timings, readMs } } : report);
        reading = performance.now();
      }
    } catch (error) {
      if (error instanceof CancelledError) {
        reports.push(
          failed(current, file.size, started, `${current}: cancelled. Nothing of this file was committed.`),
        );
        return reports;
      }
      if (!(error instanceof IngestProblem)) throw error;
      reports.push({ ...failed(file.name, file.size, started, error.message), status: error.status });
    }
  }
  return reports;
}

function failed(file: string, bytes: number, started: number, message: string): IngestFileReport {
  return { file, table: null, rows: 0, bytes, ms: performance.now() - started, status: 'failed', message };
}
