import { isLakehouseError } from '../../engine/errors';
import { quoteQualified } from '../../engine/sql-quote';
import { stageEventBatches, type EventBatchInput } from '../events/stage-events';
import type { IngestedFile } from '../landing/ingest-checkpoint';
import type { EventBatchFile } from '../landing/landing-zone';
import { sha256Hex } from '../landing/sha256';
import { EVENT_COLUMNS, EVENTS_TABLE } from '../olist-files';
import { appendStaged, STAGED_TABLE } from './bronze-write';
import type { IngestFileReport } from './ingest-report';
import type { OlistIngestor } from './olist-ingestor';
import type { SourceJob } from './source-job';

/** At most this many bytes of batches go into one Bronze commit (like maxBytesPerTrigger). */
const MAX_BYTES_PER_COMMIT = 48 * 1024 * 1024;

/** The Delta `txn` application id of the event stream's Bronze commits. */
export const EVENTS_APP_ID = 'pocket-lakehouse:landing/events';

/** Plans made again at most this often in one call when other tabs keep committing batches first. */
const MAX_PLANS = 20;

/**
 * Ingest every landed simulator batch that `bronze.events` does not hold yet, in sequence
 * order — like Auto Loader with `availableNow`: all new batches, in commits of at most 48 MB.
 * Each commit records its batches and carries the Delta `txn` of the events source as a
 * compare-and-set: version = the one the plan started from + 1, committed only while the table
 * still records the one it started from. When another tab committed batches first, the commit is
 * refused (ConcurrentTransactionException) and the batches are planned again from what Bronze
 * holds, so a batch is never appended twice and none is skipped.
 */
export async function ingestNewEventBatches(
  ingestor: OlistIngestor,
  job: SourceJob,
): Promise<IngestFileReport[]> {
  const reports: IngestFileReport[] = [];
  for (let plan = 1; ; plan++) {
    try {
      await ingestPending(ingestor, job, reports);
      return reports;
    } catch (error) {
      const lost = isLakehouseError(error, 'ConcurrentTransactionException');
      if (!lost || plan === MAX_PLANS) throw error;
    }
  }
}

/** Plan from what Bronze holds now and commit the pending batches group by group. */
async function ingestPending(
  ingestor: OlistIngestor,
  job: SourceJob,
  reports: IngestFileReport[],
): Promise<void> {
  // The txn version first, then the files: the files are then at least as new as the version, and
  // a commit in between makes the compare-and-set fail instead of a batch going in twice.
  let committed = await ingestor.deps.lake.txnVersion(EVENTS_TABLE, EVENTS_APP_ID);
  const held = new Set((await ingestor.checkpoint.files(EVENTS_TABLE)).map((f) => f.path));
  const pending = (await ingestor.landing.eventBatches()).filter((b) => !held.has(b.path));
  while (pending.length > 0) {
    const group = [pending.shift()!];
    let bytes = group[0].size;
    while (pending.length > 0 && bytes + pending[0].size <= MAX_BYTES_PER_COMMIT) {
      bytes += pending[0].size;
      group.push(pending.shift()!);
    }
    reports.push(...(await ingestGroup(ingestor, group, bytes, job, committed)));
    committed++;
  }
}

async function ingestGroup(
  ingestor: OlistIngestor,
  group: EventBatchFile[],
  totalBytes: number,
  job: SourceJob,
  committed: number,
): Promise<IngestFileReport[]> {
  const { engine, lake } = ingestor.deps;
  const started = performance.now();
  job.progress(
    { step: `Reading ${group.length} event batches`, done: 0, total: totalBytes, unit: 'bytes' },
    true,
  );
  const inputs: EventBatchInput[] = [];
  for (const batch of group)
    inputs.push({ path: batch.path, bytes: await ingestor.landing.read(batch.path) });
  try {
    await stageEventBatches(engine, inputs, STAGED_TABLE, () => job.checkpoint('Ingesting events'));
    const counts = await engine.query<{ f: string; n: number; r: number }>(
      `select _source_file as f, count(*)::int as n, count(_rescued_data)::int as r
       from ${quoteQualified(STAGED_TABLE)} group by 1`,
    );
    const countOf = new Map(counts.map((c) => [c.f, c]));
    const files: Array<Omit<IngestedFile, 'version'>> = [];
    for (const [k, input] of inputs.entries()) {
      const rows = countOf.get(input.path)?.n ?? 0;
      files.push({ path: input.path, sha256: await sha256Hex(input.bytes), rows, seq: group[k].seq });
    }
    await job.checkpoint('Ingesting events');
    job.progress(
      { step: `Committing ${files.length} event batches to ${EVENTS_TABLE}`, done: 0, unit: 'rows' },
      true,
    );
    const commit = await appendStaged(lake, {
      table: EVENTS_TABLE,
      columns: EVENT_COLUMNS,
      sourceFile: null,
      files,
      txn: { appId: EVENTS_APP_ID, version: committed + 1, previous: committed },
      source: 'landing/events',
    });
    if (!commit.skipped) {
      await ingestor.checkpoint.recorded(
        EVENTS_TABLE,
        commit.version,
        files.map((f) => ({ ...f, version: commit.version })),
      );
    }
    const ms = performance.now() - started;
    return files.map((f, k) => ({
      file: f.path,
      table: EVENTS_TABLE,
      rows: commit.skipped ? 0 : f.rows,
      bytes: inputs[k].bytes.length,
      ms: (ms * inputs[k].bytes.length) / Math.max(1, totalBytes),
      status: commit.skipped ? 'already ingested' : 'ingested',
      landingPath: f.path,
      version: commit.version,
      rescuedRows: countOf.get(f.path)?.r ?? 0,
    }));
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${quoteQualified(STAGED_TABLE)}`);
  }
}
