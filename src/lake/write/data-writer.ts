import type { ParquetCodec } from '../../engine/parquet-codec';
import { DUCKDB_ROW_GROUP_ROWS } from '../../engine/row-group';
import { quoteIdent } from '../../engine/sql-quote';
import type { SqlEngine, SqlValue } from '../../engine/types';
import { encodeLogPath, type AddFile } from '../delta/actions';
import { partitionFolder } from '../delta/partitions';
import { duckType } from '../delta/schema';
import type { CommitTimings } from '../lake-api';
import { scratchSql } from '../names';
import type { LoadedReplacement, WrittenRows } from '../read/table-cache';
import { joinPath, type Storage } from '../storage/types';
import { canAdoptRows } from './adopt-rows';
import { splitByFile } from './arrow-split';
import { EncodeQueue } from './encode-queue';
import {
  CUT_SCRATCH_TABLES,
  cutIntoFiles,
  exportGroups,
  planFiles,
  type FileCut,
  type FilePlan,
  type WriteTarget,
} from './file-plan';
import { StorageWrites } from './storage-writes';

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
  /** Most rows exported from DuckDB in one query (default `EXPORT_ROWS`). */
  exportRows?: number;
  /**
   * The loaded copy to build once every run is exported, while the encode worker encodes the
   * last ones: a write that will replace the whole table, see `TableCache.replacementOf`.
   */
  loadedCopy?: LoadedReplacement;
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
  /**
   * ms, each the time the write itself spent on a step (they add up to its wall time): running
   * the query into a scratch table, cutting files + stats, exporting the rows from DuckDB as
   * Arrow (and cutting runs into files), waiting for Parquet encoding (it runs in the encode
   * worker beside the next export), building the loaded copy (`FileLayout.loadedCopy`, while
   * the encode worker encodes), waiting for the last storage writes once all is encoded.
   */
  timings: Pick<CommitTimings, 'queryMs' | 'statsMs' | 'exportMs' | 'encodeMs' | 'copyMs' | 'storageMs'>;
}

/**
 * Default most rows per data file of a write: one of DuckDB's row groups (122,880 rows; a data
 * file's row groups are as large, DATA_FILE_WRITE_OPTIONS). A larger write is several files,
 * each exported while the one before is encoded, so no one encode holds a whole large write in
 * the encode worker (whose memory does not shrink while it runs). full-1m in the browser, builds
 * interleaved: the Bronze stage's peak renderer RSS 1356-1488 MB in four runs against 1415-1672
 * MB in six with 1M-row files (1M events were one file, encoded whole); the run's peak with
 * 122,880-row files 1486 and 1460 MB against 1532 and 1563 MB with 245,760-row files.
 */
export const DEFAULT_MAX_ROWS_PER_FILE = DUCKDB_ROW_GROUP_ROWS;

const ROWS = scratchSql('__rows');
const SPLIT_COLUMN = '__lake_split';
/**
 * Most rows exported from DuckDB in one query (a bigger file is exported alone): small enough
 * that the next run is exported while this one is encoded and that a run's Arrow stays small in
 * every heap it passes through (DuckDB's result, the engine worker, the encode worker's
 * parquet-wasm; WebAssembly memory never shrinks), large enough that many small files (date
 * partitions) cost few queries. In the browser at full-1m, 128Ki-row runs against 512Ki: peak
 * renderer RSS 1444 and 1389 MB against 1569 and 1604 MB, silver.events 15.6 and 16.7 s against
 * 22.0 and 20.4 s (one quiet machine, runs interleaved). Node had shown the opposite under load
 * ~17 (fewer queries scanning the partitioned join); the browser did not confirm it.
 */
export const EXPORT_ROWS = 131_072;

/**
 * Write the rows of a query as Parquet data files of the table: cast to the table's types, one
 * folder per partition value, at most `maxRowsPerFile` rows per file, with Delta stats per file.
 * Runs of small files are exported from DuckDB in one query and cut apart in Arrow; each run is
 * Parquet-encoded (in the encode worker) while DuckDB exports the next. The rows stay
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
    const loadedCopy = layout.loadedCopy ? [layout.loadedCopy.tableSql] : [];
    for (const table of [ROWS, ...CUT_SCRATCH_TABLES, ...loadedCopy])
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
    rows: {
      fromSql: cut.fromSql,
      fileNoSql: cut.fileNoSql,
      positionSql: cut.positionSql,
      tables: cut.tables,
      paths: [],
    },
    storagePaths,
    numRows: 0,
    numBytes: 0,
    timings: {
      queryMs: queried - started,
      statsMs: performance.now() - queried,
      exportMs: 0,
      encodeMs: 0,
      copyMs: 0,
      storageMs: 0,
    },
  };
  const writes = new StorageWrites(context.storage);
  const encodes = new EncodeQueue(context.parquet, result.timings);
  try {
    for (const group of exportGroups(files, Math.min(maxRows, layout.exportRows ?? EXPORT_ROWS))) {
      const t0 = performance.now();
      const pieces = await exportFiles(engine, target, cut, group);
      result.timings.exportMs += performance.now() - t0;
      await encodes.add(pieces, async (encoded) => {
        for (const [i, file] of group.entries()) {
          const storagePath = addFile(context, target, layout, result, file, encoded[i]);
          await writes.start(storagePath, encoded[i]);
        }
      });
    }
    if (layout.loadedCopy) {
      // DuckDB builds the loaded copy while the encode worker, on the other core, encodes the
      // last runs, unless they are one large file: its IPC (~110 MB for 1M Olist geolocation
      // rows) alive in the encode worker while DuckDB's memory grows for the copy raised the peak
      // renderer RSS at full-1m by ~100-150 MB (WebAssembly memory never shrinks).
      if (encodes.holdsMoreThanInFlight()) await encodes.finish();
      const copying = performance.now();
      result.rows.tables.push(layout.loadedCopy.tableSql);
      await layout.loadedCopy.build(result.rows);
      result.timings.copyMs = performance.now() - copying;
    }
    await encodes.finish();
    const draining = performance.now();
    await writes.settle();
    result.timings.storageMs += performance.now() - draining;
  } finally {
    // Nothing may still be encoding or writing when the caller deletes what was written.
    await encodes.settle();
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
