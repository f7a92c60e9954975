import type { ParquetCodec } from '../../engine/parquet-codec';
import { quoteIdent } from '../../engine/sql-quote';
import type { SqlEngine, SqlValue } from '../../engine/types';
import { encodeLogPath, type AddFile } from '../delta/actions';
import { partitionFolder } from '../delta/partitions';
import { duckType } from '../delta/schema';
import { scratchSql } from '../names';
import type { WrittenRows } from '../read/table-cache';
import { joinPath, type Storage } from '../storage/types';
import { canAdoptRows } from './adopt-rows';
import { splitByFile } from './arrow-split';
import {
  CUT_SCRATCH_TABLES,
  cutIntoFiles,
  exportGroups,
  planFiles,
  type FileCut,
  type FilePlan,
  type WriteTarget,
} from './file-plan';

export type { WriteTarget } from './file-plan';

/** What writing data files needs. */
export interface WriterContext {
  engine: SqlEngine;
  parquet: ParquetCodec;
  storage: Storage;
  clock: () => number;
}

/** How the rows are cut into files. */
export interface FileLayout {
  /** Most rows in one file. */
  maxRowsPerFile: number;
  /** SQL ORDER BY list applied before cutting (e.g. a Z-order value); insertion order otherwise. */
  orderBy?: string;
  /** False for files that hold the same rows as the files they replace (OPTIMIZE). */
  dataChange: boolean;
  /**
   * A table (quoted name) holding exactly the rows `sourceSql` gives, which the write may take
   * over as its rows instead of copying them (see `canAdoptRows`); it is then dropped with the
   * write's other scratch tables.
   */
  adoptTable?: string;
}

/** Data files written and not yet committed. */
export interface WrittenFiles {
  adds: AddFile[];
  /** The rows, still in DuckDB, so the loaded table can be updated without reading the files back. */
  rows: WrittenRows;
  /** Storage paths of the new files, to delete them when the commit fails. */
  storagePaths: string[];
  numRows: number;
  numBytes: number;
  /** ms: running the query into a scratch table, cutting files + stats, Parquet encoding, storage writes. */
  timings: { queryMs: number; statsMs: number; encodeMs: number; storageMs: number };
}

/** Default most rows per data file of a write. */
export const DEFAULT_MAX_ROWS_PER_FILE = 1_000_000;

const ROWS = scratchSql('__rows');
const SPLIT_COLUMN = '__lake_split';
/** Small data files written to storage at once, while the next ones are encoded. */
const WRITES_IN_FLIGHT = 8;
/** Bytes of data files in flight; a larger file is written before the next one is encoded. */
const BYTES_IN_FLIGHT = 256 * 1024;

/**
 * Write the rows of a query as Parquet data files of the table: cast to the table's types, one
 * folder per partition value, at most `maxRowsPerFile` rows per file, with Delta stats per file.
 * Runs of small files are exported from DuckDB in one query and cut apart in Arrow. The rows stay
 * in DuckDB (`rows.fromSql`, its tables `rows.tables`) until the caller drops them; with an
 * adoptable `layout.adoptTable` they are that table's rows, not a copy.
 */
export async function writeDataFiles(
  context: WriterContext,
  target: WriteTarget,
  sourceSql: string,
  params: SqlValue[],
  layout: FileLayout,
): Promise<WrittenFiles> {
  const storagePaths: string[] = [];
  try {
    return await writeAll(context, target, sourceSql, params, layout, storagePaths);
  } catch (error) {
    // Storage full, out of memory, a cancel: whatever stops the write, what it wrote goes with it
    // (it belongs to no version), and so do its scratch tables.
    for (const path of storagePaths) await context.storage.delete(path).catch(() => {});
    for (const table of [ROWS, ...CUT_SCRATCH_TABLES])
      await context.engine.exec(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    throw error;
  }
}

async function writeAll(
  context: WriterContext,
  target: WriteTarget,
  sourceSql: string,
  params: SqlValue[],
  layout: FileLayout,
  storagePaths: string[],
): Promise<WrittenFiles> {
  const started = performance.now();
  const { engine } = context;
  const casts = target.schema.map(
    (f) => `CAST(${quoteIdent(f.name)} AS ${duckType(f.type)}) AS ${quoteIdent(f.name)}`,
  );
  const order = layout.orderBy ? ` ORDER BY ${layout.orderBy}` : '';
  const adopted =
    layout.adoptTable !== undefined &&
    !layout.orderBy &&
    (await canAdoptRows(engine, layout.adoptTable, target))
      ? layout.adoptTable
      : null;
  if (!adopted) {
    await engine.exec(
      `CREATE OR REPLACE TABLE ${ROWS} AS SELECT ${casts.join(', ')} FROM (${sourceSql}) AS source${order}`,
      params,
    );
  }
  const queried = performance.now();
  const maxRows = Math.max(1, Math.floor(layout.maxRowsPerFile));
  const cut = await cutIntoFiles(engine, adopted ?? ROWS, target, maxRows);
  const files = await planFiles(engine, target, cut);
  const result: WrittenFiles = {
    adds: [],
    rows: { fromSql: cut.fromSql, fileNoSql: cut.fileNoSql, tables: cut.tables, paths: [] },
    storagePaths,
    numRows: 0,
    numBytes: 0,
    timings: { queryMs: queried - started, statsMs: performance.now() - queried, encodeMs: 0, storageMs: 0 },
  };
  const writes = new StorageWrites(context.storage, result.timings);
  try {
    for (const group of exportGroups(files, maxRows)) {
      const t0 = performance.now();
      const pieces = await exportFiles(engine, target, cut, group);
      result.timings.encodeMs += performance.now() - t0;
      for (const [i, file] of group.entries()) {
        const t1 = performance.now();
        const bytes = context.parquet.write(pieces[i]);
        result.timings.encodeMs += performance.now() - t1;
        const storagePath = addFile(context, target, layout, result, file, bytes);
        await writes.start(storagePath, bytes);
      }
    }
  } finally {
    await writes.settle();
  }
  return result;
}

/** The data files' rows as one Arrow IPC stream per file, from one query per run of files. */
async function exportFiles(
  engine: SqlEngine,
  target: WriteTarget,
  cut: FileCut,
  group: FilePlan[],
): Promise<Uint8Array[]> {
  const columns = target.schema
    .filter((f) => !target.partitionColumns.includes(f.name))
    .map((f) => quoteIdent(f.name))
    .join(', ');
  const filter = cut.rowsOf(group[0].fileNo, group[group.length - 1].fileNo);
  const from = `FROM ${cut.fromSql} WHERE ${filter.sql}`;
  if (group.length === 1)
    return [await engine.queryArrow(`SELECT ${columns} ${from} ${cut.orderSql}`, filter.params)];
  const select = `SELECT ${columns}, ${cut.fileNoSql} AS ${quoteIdent(SPLIT_COLUMN)} ${from}`;
  const pieces = splitByFile(await engine.queryArrow(`${select} ${cut.orderSql}`, filter.params), group);
  if (pieces) return pieces;
  // The scan did not keep the table's order (e.g. preserve_insertion_order was switched off): sort.
  const sorted = splitByFile(
    await engine.queryArrow(`${select} ORDER BY ${quoteIdent(SPLIT_COLUMN)}`, filter.params),
    group,
  );
  if (!sorted) throw new Error(`The rows of ${target.folder} did not match their file plan`);
  return sorted;
}

/** Record one encoded file in the result; returns its storage path. */
function addFile(
  context: WriterContext,
  target: WriteTarget,
  layout: FileLayout,
  result: WrittenFiles,
  file: FilePlan,
  bytes: Uint8Array,
): string {
  const folder = partitionFolder(target.partitionColumns, file.partitionValues);
  const name = `part-${String(file.fileNo).padStart(5, '0')}-${crypto.randomUUID()}-c000.zstd.parquet`;
  const relative = folder ? `${folder}/${name}` : name;
  const storagePath = joinPath(target.folder, relative);
  const path = encodeLogPath(relative);
  result.storagePaths.push(storagePath);
  result.rows.paths.push(path);
  result.adds.push({
    path,
    partitionValues: file.partitionValues,
    size: bytes.byteLength,
    modificationTime: context.clock(),
    dataChange: layout.dataChange,
    stats: file.stats,
  });
  result.numRows += file.numRecords;
  result.numBytes += bytes.byteLength;
  return storagePath;
}

/**
 * Storage writes of data files: small files a few at a time (a file's write runs while the next
 * one is encoded), a large one on its own, finished before the next is encoded, so the files of a
 * long write appear one by one. `settle` waits for all of them and throws the first failure.
 */
class StorageWrites {
  private readonly pending = new Map<Promise<void>, number>();
  private pendingBytes = 0;
  private failure: unknown = null;

  constructor(
    private readonly storage: Storage,
    private readonly timings: { storageMs: number },
  ) {}

  async start(path: string, bytes: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    const write: Promise<void> = this.storage.write(path, bytes).then(
      () => this.done(write),
      (error: unknown) => {
        this.done(write);
        this.failure ??= error;
      },
    );
    this.pending.set(write, bytes.byteLength);
    this.pendingBytes += bytes.byteLength;
    while (this.pending.size > WRITES_IN_FLIGHT || this.pendingBytes > BYTES_IN_FLIGHT)
      await this.wait(() => Promise.race(this.pending.keys()));
    if (this.failure) throw this.failure;
  }

  async settle(): Promise<void> {
    await this.wait(() => Promise.all(this.pending.keys()));
    if (this.failure) throw this.failure;
  }

  private done(write: Promise<void>): void {
    this.pendingBytes -= this.pending.get(write) ?? 0;
    this.pending.delete(write);
  }

  private async wait(until: () => Promise<unknown>): Promise<void> {
    const started = performance.now();
    await until();
    this.timings.storageMs += performance.now() - started;
  }
}
