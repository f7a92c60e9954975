import { formatTimestamp } from '../../engine/arrow-ipc';
import type { SqlEngine } from '../../engine/types';
import { quoteQualified } from '../../engine/sql-quote';
import type { LakeApi } from '../../lake/lake-api';
import type { Storage } from '../../lake/storage/types';
import { IngestCheckpoint, type IngestedFile } from '../landing/ingest-checkpoint';
import { LandingZone } from '../landing/landing-zone';
import { sha256Hex } from '../landing/sha256';
import { OLIST_FILES } from '../olist-files';
import { appendStaged, STAGED_TABLE } from './bronze-write';
import { IngestProblem } from './ingest-problem';
import type { IngestFileReport, IngestTimings } from './ingest-report';
import type { SourceJob } from './source-job';
import { stageOlistCsv } from './stage-olist-csv';

/** What the ingestion of Olist files works with. */
export interface IngestDeps {
  engine: SqlEngine;
  lake: LakeApi;
  storage: Storage;
}

/** One Olist file to ingest: from an upload (not landed yet) or from the landing zone. */
export interface OlistInput {
  label: string;
  name: string;
  bytes: Uint8Array;
  landingPath?: string;
}

/**
 * Ingests Olist CSVs exactly once: a file whose SHA-256 a Bronze table already holds is
 * "already ingested"; a new one is checked and read, landed, and appended in one commit.
 * A file that cannot be read leaves every table and the landing zone as they were.
 */
export class OlistIngestor {
  readonly landing: LandingZone;
  readonly checkpoint: IngestCheckpoint;

  constructor(readonly deps: IngestDeps) {
    this.landing = new LandingZone(deps.storage);
    this.checkpoint = new IngestCheckpoint(deps.storage, deps.lake);
  }

  /** Every landing file the Olist tables hold, with its table. */
  async ingested(): Promise<Array<IngestedFile & { table: string }>> {
    const all: Array<IngestedFile & { table: string }> = [];
    for (const spec of OLIST_FILES) {
      for (const f of await this.checkpoint.files(spec.table)) all.push({ ...f, table: spec.table });
    }
    return all;
  }

  /** What the Olist tables hold, indexed by content hash and landing path. */
  async held(): Promise<HeldFiles> {
    const index = new HeldFiles();
    for (const f of await this.ingested()) index.add(f);
    return index;
  }

  /**
   * Ingest one file; never throws for a bad file (the report says what is wrong). `held` is what
   * Bronze holds, read once per batch of files by the caller and kept up to date here: the file just
   * committed joins it, so the same content later in the batch is not parsed or staged again.
   */
  async ingest(input: OlistInput, job: SourceJob, held?: HeldFiles): Promise<IngestFileReport> {
    const started = performance.now();
    const base = { file: input.label, bytes: input.bytes.length };
    const elapsed = () => performance.now() - started;
    const sha256 = await sha256Hex(input.bytes);
    const hashMs = elapsed();
    const index = held ?? (await this.held());
    const known = index.bySha.get(sha256);
    if (known) return this.alreadyIngested(base, known, known.table, elapsed());
    try {
      // The landing path the rows will name, when it is known before landing: staged with them.
      const expectedPath = input.landingPath ?? (await this.landing.freeOlistPath(input.name, sha256));
      const ingestion = expectedPath
        ? { sourceFile: expectedPath, ingestedAt: formatTimestamp(Date.now()) }
        : undefined;
      const staged = await stageOlistCsv(this.deps.engine, input.label, input.bytes, STAGED_TABLE, {
        ingestion,
        onProgress: (done, total, rows) =>
          job.progress({
            step: `Reading ${input.label}: ${rows.toLocaleString('en')} rows`,
            done,
            total,
            unit: 'bytes',
          }),
        checkpoint: () => job.checkpoint(`Ingesting ${input.label}`),
      });
      const table = staged.spec.table;
      job.progress(
        { step: `Committing ${staged.rows.toLocaleString('en')} rows to ${table}`, done: 0, unit: 'rows' },
        true,
      );
      await job.checkpoint(`Ingesting ${input.label}`);
      const landStarted = performance.now();
      const landingPath =
        input.landingPath ?? (await this.landing.landOlist(input.name, input.bytes, sha256));
      const commitStarted = performance.now();
      const file = { path: landingPath, sha256, rows: staged.rows };
      const commit = await appendStaged(this.deps.lake, {
        table,
        columns: staged.spec.columns,
        sourceFile: landingPath,
        files: [file],
        txn: { appId: `pocket-lakehouse:landing:${sha256}`, version: 0 },
        source: 'landing/olist',
        ...(staged.ingestion ? { staged: staged.ingestion } : {}),
      });
      const ingested = { ...file, version: commit.version };
      index.add({ ...ingested, table });
      if (commit.skipped) return this.alreadyIngested(base, ingested, table, elapsed());
      const recordStarted = performance.now();
      await this.checkpoint.recorded(table, commit.version, [ingested]);
      const timings: IngestTimings = {
        hashMs,
        ...staged.timings,
        landMs: commitStarted - landStarted,
        commitMs: recordStarted - commitStarted,
        commit: commit.timings ?? {},
        recordMs: performance.now() - recordStarted,
      };
      const notes = [staged.note, rescuedNote(staged.rescuedRows)].filter(Boolean);
      return {
        ...base,
        table,
        rows: staged.rows,
        ms: elapsed(),
        status: 'ingested',
        landingPath,
        version: commit.version,
        rescuedRows: staged.rescuedRows,
        timings,
        ...(notes.length > 0 ? { message: notes.join(' ') } : {}),
      };
    } catch (error) {
      if (!(error instanceof IngestProblem)) throw error;
      return {
        ...base,
        table: error.extra.table ?? null,
        rows: 0,
        ms: elapsed(),
        status: error.status,
        message: error.message,
        ...(error.extra.header ? { header: error.extra.header } : {}),
      };
    } finally {
      await this.deps.engine.exec(`DROP TABLE IF EXISTS ${quoteQualified(STAGED_TABLE)}`);
    }
  }

  private alreadyIngested(
    base: { file: string; bytes: number },
    known: IngestedFile,
    table: string,
    ms: number,
  ): IngestFileReport {
    return {
      ...base,
      table,
      rows: 0,
      ms,
      status: 'already ingested',
      message: `${base.file}: already ingested — the same content is ${known.path}, in ${table} version ${known.version}. Nothing new was written.`,
      landingPath: known.path,
      version: known.version,
    };
  }
}

function rescuedNote(rows: number): string | undefined {
  if (rows === 0) return undefined;
  return `${rows.toLocaleString('en')} ${rows === 1 ? 'row' : 'rows'} with extra, missing or malformed fields kept them in _rescued_data.`;
}

/** The landing files Bronze holds, by SHA-256 and by path. */
export class HeldFiles {
  readonly bySha = new Map<string, IngestedFile & { table: string }>();
  readonly paths = new Set<string>();

  /** Note a file Bronze holds. */
  add(file: IngestedFile & { table: string }): void {
    if (!this.bySha.has(file.sha256)) this.bySha.set(file.sha256, file);
    this.paths.add(file.path);
  }
}
