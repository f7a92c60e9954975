import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { isLakehouseError } from '../engine/errors';
import type { ParquetWasmModule } from '../engine/parquet-codec';
import { Lake } from '../lake/lake';
import { DiskStorage } from './disk-storage';
import { runPipelineOnLake } from '../pipeline/run-pipeline';
import type { ModelRunResult, PipelineRunResult } from '../pipeline/runner/run-types';
import type { IngestFileReport } from '../sources/ingest/ingest-report';
import { SourceJob } from '../sources/ingest/source-job';
import { Sources } from '../sources/sources';
import type { RunArgs } from './cli-args';
import { inputFiles } from './input-files';
import { NativeLakeEngine } from './native-lake-engine';
import { nodeParquetCodec } from './node-encode-worker';

/** Where the command's lines go. */
export interface CommandOutput {
  line(text: string): void;
}

/** Bytes of loaded tables the lake keeps in DuckDB before dropping older ones (native DuckDB spills). */
const LOADED_BUDGET_BYTES = 4 * 1024 ** 3;

/**
 * `pocket-lakehouse run`: the app's own ingestion and pipeline on native DuckDB, writing the app's
 * Delta tables to `<lake>/tables/` (and the landing zone to `<lake>/landing/`). One line per input
 * file and per model as it finishes. Resolves with the exit code: 0 when all went well, 1 when an
 * Olist file was refused (the pipeline does not run then) or a model failed.
 */
export async function runCommand(args: RunArgs, out: CommandOutput): Promise<number> {
  const started = performance.now();
  const lakeDir = resolve(args.lake);
  const files = await inputFiles(args.input, lakeDir);
  await mkdir(lakeDir, { recursive: true });
  const pq = createRequire(import.meta.url)('parquet-wasm/node') as ParquetWasmModule;
  const engine = await NativeLakeEngine.open(pq);
  try {
    const storage = new DiskStorage(lakeDir);
    const lake = new Lake({
      engine,
      parquet: nodeParquetCodec(pq),
      storage,
      loadedBudgetBytes: LOADED_BUDGET_BYTES,
    });
    const sources = new Sources({ engine, lake, storage });
    out.line(
      `Pocket Lakehouse on native DuckDB ${await engine.version()}: ${plural(files.length, 'input file')} → ${lakeDir}`,
    );

    const reports: IngestFileReport[] = [];
    for (const file of files) {
      for (const report of await sources.ingestFiles([file], new SourceJob('Ingestion'))) {
        reports.push(report);
        out.line(reportLine(report));
      }
    }
    const refused = reports.filter((r) => r.status === 'failed');
    const inBronze = reports.filter((r) => r.status === 'ingested' || r.status === 'already ingested');
    if (refused.length > 0) {
      out.line(
        `${plural(refused.length, 'Olist file')} could not be ingested (see above); the pipeline did not run. ` +
          'Fix the file and run again: files already in Bronze are not read twice.',
      );
      return 1;
    }
    if (inBronze.length === 0) {
      out.line(
        `No Olist file among the input (${args.input}); nothing was ingested and the pipeline did not run.`,
      );
      return 1;
    }

    let run: PipelineRunResult;
    try {
      run = await runPipelineOnLake(lake, engine, {
        onProgress: (p) => {
          if (p.status !== 'running' && p.status !== 'up_to_date' && p.result) out.line(modelLine(p.result));
        },
      });
    } catch (error) {
      if (!isLakehouseError(error, 'PipelineFailed')) throw error;
      out.line(
        `Pipeline failed: ${error.message}. The models that did not depend on it have run and committed.`,
      );
      return 1;
    }
    const ran = run.models.filter((m) => m.status === 'success').length;
    const upToDate = run.models.length - ran;
    const ingested = reports.filter((r) => r.status === 'ingested').length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (ingested === 0 && ran === 0) {
      out.line(
        `Nothing new: every file is already in Bronze and all ${run.models.length} models are up to date. Nothing was written (${seconds} s).`,
      );
    } else {
      out.line(
        `Done in ${seconds} s: ${plural(ingested, 'file')} ingested, ${plural(ran, 'model')} ran, ${upToDate} up to date. ` +
          `Delta tables in ${join(lakeDir, 'tables')}/<layer>/<name>, e.g. spark.read.format("delta").load("${join(lakeDir, 'tables', 'gold', 'daily_sales')}")`,
      );
    }
    return 0;
  } finally {
    engine.close();
  }
}

function reportLine(report: IngestFileReport): string {
  if (report.status === 'ingested')
    return `Bronze  ${report.file} → ${report.table} version ${report.version}: ${count(report.rows)} rows (${(report.ms / 1000).toFixed(1)} s)${report.message ? `. ${report.message}` : ''}`;
  // The app's own words: they name the file and what is wrong (or that it is in Bronze already).
  return `Bronze  ${report.message ?? `${report.file}: ${report.status}`}`;
}

function modelLine(result: ModelRunResult): string {
  const layer = result.layer[0].toUpperCase() + result.layer.slice(1);
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  if (result.status === 'success')
    return `${layer.padEnd(7)} ${result.model} → version ${result.outputVersion}: ${count(result.rowsOut)} rows (${seconds} s)`;
  return `${layer.padEnd(7)} ${result.model}: ${result.status}${result.error ? ` — ${result.error}` : ''}`;
}

function count(n: number): string {
  return n.toLocaleString('en');
}

function plural(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}
