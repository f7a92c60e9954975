import type { AddFile } from '../delta/actions';
import { columnMappingMode } from '../delta/column-mapping';
import type { Snapshot } from '../delta/snapshot';
import { parsePredicate } from './predicate';
import { fileMayMatch, pruneContext } from './prune';

/** The live files of a snapshot a scan with `predicate` reads, and those it skips by their stats. */
export function planScan(snapshot: Snapshot, predicate: string): { read: AddFile[]; skipped: AddFile[] } {
  const condition = parsePredicate(predicate);
  const prune = pruneContext(
    snapshot.schema,
    snapshot.metadata.partitionColumns,
    columnMappingMode(snapshot.protocol, snapshot.metadata),
  );
  const read: AddFile[] = [];
  const skipped: AddFile[] = [];
  for (const file of snapshot.files.values())
    (fileMayMatch(condition, file, prune) ? read : skipped).push(file);
  return { read, skipped };
}
