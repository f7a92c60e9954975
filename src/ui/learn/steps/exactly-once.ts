import type { TimelineEntry } from '../../../lake/explore/explore-types';
import type { IngestFileReport } from '../../../sources/ingest/ingest-report';
import type { IngestedFile } from '../../../sources/landing/ingest-checkpoint';
import type { LearnStep } from '../step-types';
import ExactlyOnceView from './ExactlyOnceEffect.svelte';

const TABLE = 'bronze.olist_orders';

/** The same file uploaded again, and what Bronze made of it. */
export interface ExactlyOnceEffect {
  fileName: string;
  bytes: number;
  report: IngestFileReport;
  versionBefore: number;
  versionAfter: number;
  rowsBefore: number;
  rowsAfter: number;
  checkpoint: IngestedFile[];
  /** The landing path uploaded again. */
  landingPath: string;
  timeline: TimelineEntry[];
}

const ROWS = `select count(*)::bigint as n from ${TABLE}`;

/** Step 2: uploading a file Bronze already holds adds nothing. */
export const exactlyOnceStep: LearnStep<ExactlyOnceEffect> = {
  id: 'exactly-once',
  title: 'Exactly-once ingestion',
  paragraphs: [
    'Every file lands in `landing/` untouched, then Bronze appends its rows in one commit. That commit names the file — its path, SHA-256 and row count — in its own `commitInfo`, so the list of files Bronze holds is written atomically with the rows and cannot disagree with them.',
    '“Try it” uploads the orders file of your lakehouse again, through the same upload path as the Sources screen. Bronze recognises the content by its SHA-256: already ingested, no new rows, no new version.',
  ],
  operation: 'Upload landing/olist/olist_orders_dataset.csv again (Sources → Upload Olist files)',
  tryLabel: 'Upload the orders file again',
  consoleSql: `describe history ${TABLE}`,
  async tryIt(context) {
    await context.ensureDemo();
    const checkpoint = await context.engine.sources.ingestedFiles(TABLE);
    const landed = checkpoint[0];
    if (!landed)
      throw new Error(`${TABLE} holds no landed file yet: run the demo or upload the Olist files first.`);
    const versionBefore = await context.latestVersion(TABLE);
    const [{ n: rowsBefore }] = await context.rows<{ n: number }>(ROWS);
    const bytes = await context.engine.sources.readLanded(landed.path);
    const fileName = landed.path.split('/').at(-1)!;
    const [report] = await context.ingest([new File([bytes as BlobPart], fileName, { type: 'text/csv' })]);
    const [{ n: rowsAfter }] = await context.rows<{ n: number }>(ROWS);
    return {
      fileName,
      bytes: bytes.byteLength,
      report,
      versionBefore,
      versionAfter: await context.latestVersion(TABLE),
      rowsBefore: Number(rowsBefore),
      rowsAfter: Number(rowsAfter),
      checkpoint: await context.engine.sources.ingestedFiles(TABLE),
      landingPath: landed.path,
      timeline: await context.timeline(TABLE),
    };
  },
  view: ExactlyOnceView,
};
