import { beforeAll, describe, expect, it } from 'vitest';
import { sampleFile } from '../sources/helpers/fixture';
import { memoryService, type Service } from '../service/memory-service';
import { NEXT_STEP, SourcesRun } from '../../../src/ui/sources/sources-run.svelte';
import { appStatus } from '../../../src/ui/shell/status.svelte';

let service: Service;

beforeAll(async () => {
  service = await memoryService();
});

describe('the Sources screen run', () => {
  it('ingests uploaded files: one report per file, the status names the next step, the pipeline is due', async () => {
    const run = new SourcesRun();
    const reports = await run.ingest(service.sources, [
      sampleFile('olist_sellers_dataset.csv'),
      sampleFile('product_category_name_translation.csv'),
    ]);
    expect(reports.map((r) => [r.table, r.status])).toEqual([
      ['bronze.olist_sellers', 'ingested'],
      ['bronze.olist_category_translation', 'ingested'],
    ]);
    expect(run.reports).toEqual(reports);
    expect([run.busy, run.progress, run.error]).toEqual([null, null, null]);
    expect(appStatus.tone).toBe('ok');
    expect(appStatus.message).toMatch(/^Ingested 2 of 2 files into Bronze \(\d[\d,]* rows\)/);
    expect(appStatus.message).toContain(NEXT_STEP);
    expect(run.newRowsAt).toBeGreaterThan(0);
  });

  it('the same files again are already ingested: no next step, nothing due', async () => {
    const run = new SourcesRun();
    const reports = await run.ingest(service.sources, [sampleFile('olist_sellers_dataset.csv')]);
    expect(reports.map((r) => r.status)).toEqual(['already ingested']);
    expect(appStatus.message).not.toContain(NEXT_STEP);
    expect(run.newRowsAt).toBe(0);
  });

  it('names a file it does not recognise in the status, as an error', async () => {
    const run = new SourcesRun();
    const reports = await run.ingest(service.sources, [
      sampleFile('notes.csv', new TextEncoder().encode('a,b\n1,2\n')),
    ]);
    expect(reports.map((r) => [r.file, r.status])).toEqual([['notes.csv', 'unrecognised']]);
    expect(appStatus.tone).toBe('error');
    expect(appStatus.message).toContain('1 not recognised');
    expect(appStatus.message).toContain(' — ');
  });

  it('refuses a second action while one runs, naming the one running', async () => {
    const run = new SourcesRun();
    const first = run.ingest(service.sources, [sampleFile('olist_customers_dataset.csv')]);
    await expect(run.ingestLanding(service.sources)).rejects.toThrow('Ingesting 1 file is still running');
    await first;
    expect(run.busy).toBeNull();
  });
});
