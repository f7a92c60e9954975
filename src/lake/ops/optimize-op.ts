import { LakehouseError } from '../../engine/errors';
import type { AddFile } from '../delta/actions';
import { checkWritable } from '../delta/snapshot';
import { folderOf, type LakeContext } from '../context';
import { tableNotFound } from '../errors';
import type { CommitResult } from '../lake-api';
import { loadedTableSql, type TableName } from '../names';
import { writeDataFiles } from '../write/data-writer';
import { commitTransaction, withWriteLock } from '../write/transaction';
import { bytesOf, columnList, fileIdsIn, removeOf } from './common';
import { columnOf } from './merge-op';
import { ZORDER_COLUMN, zorderQuery } from './zorder';

/** Default size OPTIMIZE aims for (smaller than Delta's 1 GB: a browser reads whole files). */
export const DEFAULT_TARGET_FILE_BYTES = 32 * 1024 * 1024;

/**
 * OPTIMIZE: in each partition, rewrite files smaller than the target into files near the target
 * size (bin-packing); with ZORDER BY, rewrite all files of the partition in Z-order over the columns.
 * The rows do not change (dataChange false), so concurrent appends do not conflict with it.
 */
export function optimize(
  context: LakeContext,
  table: TableName,
  options: { zorderBy?: string[]; targetFileBytes?: number },
): Promise<CommitResult> {
  return withWriteLock(context, table, async () => {
    const started = performance.now();
    const read = await context.snapshots.latest(folderOf(context, table));
    if (!read) throw tableNotFound(table.full);
    checkWritable(read, table.full);
    const target = options.targetFileBytes ?? DEFAULT_TARGET_FILE_BYTES;
    if (!(target > 0))
      throw new LakehouseError('InvalidOption', `targetFileBytes must be above 0, not ${target}`);
    const zorder = (options.zorderBy ?? []).map((c) => columnOf(table.full, read.schema, c).name);
    const partitioned = zorder.find((c) => read.metadata.partitionColumns.includes(c));
    if (partitioned) {
      throw new LakehouseError(
        'ZOrderOnPartitionColumn',
        `${partitioned} is a partition column of ${table.full}; Z-order by data columns (each partition is its own folder already)`,
        { table: table.full, column: partitioned },
      );
    }
    const all = [...read.files.values()];
    const chosen = chooseFiles(all, target, zorder.length > 0);
    if (chosen.length === 0) {
      return {
        table: table.full,
        version: read.version,
        skipped: true,
        operation: 'OPTIMIZE',
        metrics: { numFilesBefore: all.length },
      };
    }
    await context.cache.sync(table, read);
    const ids = context.cache.fileIds(table);
    const inChosen = fileIdsIn(chosen.map((f) => ids.get(f.path)!));
    const [{ n: rows }] = await context.engine.query<{ n: number }>(
      `SELECT count(*)::BIGINT AS n FROM ${loadedTableSql(table)} WHERE ${inChosen.sql}`,
      inChosen.params,
    );
    const bytesPerRow = Number(rows) > 0 ? bytesOf(chosen) / Number(rows) : 100;
    let source = `SELECT ${columnList(read.schema)} FROM ${loadedTableSql(table)} WHERE ${inChosen.sql}`;
    if (zorder.length > 0) source = zorderQuery(source, zorder);
    const written = await writeDataFiles(
      context,
      {
        folder: folderOf(context, table),
        schema: read.schema,
        partitionColumns: read.metadata.partitionColumns,
      },
      source,
      inChosen.params,
      {
        maxRowsPerFile: Math.max(1, Math.floor(target / bytesPerRow)),
        orderBy: zorder.length > 0 ? ZORDER_COLUMN : undefined,
        dataChange: false,
      },
    );
    const sizes = written.adds.map((f) => f.size).sort((a, b) => a - b);
    const pick = (q: number) => sizes[Math.min(sizes.length - 1, Math.floor(q * sizes.length))] ?? 0;
    const bytesBefore = bytesOf(all);
    return commitTransaction(context, {
      table,
      read,
      operation: 'OPTIMIZE',
      operationParameters: { predicate: '[]', zOrderBy: JSON.stringify(zorder), auto: 'false' },
      metrics: {
        numRemovedFiles: chosen.length,
        numRemovedBytes: bytesOf(chosen),
        numAddedFiles: written.adds.length,
        numAddedBytes: written.numBytes,
        minFileSize: sizes[0] ?? 0,
        p25FileSize: pick(0.25),
        p50FileSize: pick(0.5),
        p75FileSize: pick(0.75),
        maxFileSize: sizes.at(-1) ?? 0,
        numFilesBefore: all.length,
        numFilesAfter: all.length - chosen.length + written.adds.length,
        numBytesBefore: bytesBefore,
        numBytesAfter: bytesBefore - bytesOf(chosen) + written.numBytes,
        totalConsideredFiles: all.length,
        totalFilesSkipped: all.length - chosen.length,
        executionTimeMs: Math.round(performance.now() - started),
      },
      adds: written.adds,
      removes: chosen.map((f) => removeOf(f, false)),
      scope: {
        isBlindAppend: false,
        readPredicate: null,
        prune: null,
        readFiles: new Set(chosen.map((f) => f.path)),
      },
      written,
    });
  });
}

/** Files to rewrite: with Z-order every file; else small files of partitions that have two or more. */
function chooseFiles(files: AddFile[], target: number, zorder: boolean): AddFile[] {
  const byPartition = new Map<string, AddFile[]>();
  for (const file of files) {
    const key = JSON.stringify(Object.entries(file.partitionValues).sort());
    byPartition.set(key, [...(byPartition.get(key) ?? []), file]);
  }
  const chosen: AddFile[] = [];
  for (const group of byPartition.values()) {
    if (zorder) chosen.push(...group);
    else {
      const small = group.filter((f) => f.size < target);
      if (small.length >= 2) chosen.push(...small);
    }
  }
  return chosen;
}
