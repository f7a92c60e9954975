import { LakehouseError } from '../../engine/errors';
import { fileMayMatch, type PruneContext } from '../skipping/prune';
import type { Condition } from '../skipping/predicate';
import type { AddFile, Commit, RemoveFile } from './actions';

/** What a transaction read and changed, for checking it against commits that won the race. */
export interface ConflictScope {
  table: string;
  operation: string;
  /** True when the transaction only adds files and read nothing (a blind append). */
  isBlindAppend: boolean;
  /** Rows the transaction read: 'all', a condition on partition values and stats, or null (none). */
  readPredicate: Condition | 'all' | null;
  prune: PruneContext | null;
  /** Log paths of the files the transaction read. */
  readFiles: Set<string>;
  removes: RemoveFile[];
  creates: boolean;
  /** True when the transaction writes a new metaData (a schema or partitioning change). */
  changesMetadata: boolean;
  /** With `previous`: a compare-and-set on the application's version (see WriteOptions.txn). */
  txn?: { appId: string; version: number; previous?: number };
}

/** What to do after looking at one winning commit. */
export type ConflictOutcome = 'none' | 'txn-already-committed' | 'table-created-concurrently';

/**
 * Check a transaction against a commit that another writer made after the transaction's read version,
 * with Delta's WriteSerializable rules: a blind append conflicts with nobody, except a transaction
 * that changes the metadata (its files would be read with the new schema); files added by a
 * concurrent non-blind commit conflict when the transaction would have read them; removing a file
 * the transaction read, a metadata or protocol change, a commit of the same application when the
 * transaction is a compare-and-set on its version, all conflict.
 */
export function checkConflict(scope: ConflictScope, winner: Commit): ConflictOutcome {
  const winning = `version ${winner.version}, ${winner.commitInfo?.operation ?? 'an unknown operation'}`;
  const ours = `This ${scope.operation}`;
  const retry = `Nothing was committed; run the ${scope.operation} again.`;
  const sameApp = scope.txn ? winner.txns.find((t) => t.appId === scope.txn!.appId) : undefined;
  if (sameApp && scope.txn!.previous !== undefined) {
    throw new LakehouseError(
      'ConcurrentTransactionException',
      `${ours} conflicts with a concurrent update of ${scope.table} (${winning}) by the same application ` +
        `(${sameApp.appId}, now at version ${sameApp.version}). ${retry}`,
      { ...detail(scope, winner), appId: sameApp.appId, appVersion: sameApp.version },
    );
  }
  if (sameApp && sameApp.version >= scope.txn!.version) return 'txn-already-committed';
  if (winner.protocol || winner.metaData) {
    if (scope.creates && scope.isBlindAppend && winner.version === 0) return 'table-created-concurrently';
    const name = winner.protocol ? 'ProtocolChangedException' : 'MetadataChangedException';
    throw new LakehouseError(
      name,
      `${ours} conflicts with a concurrent update of ${scope.table} (${winning}) that changed its ` +
        `${winner.protocol ? 'protocol version' : 'schema or properties'}. Nothing was committed; check the table's ` +
        `new schema, then run the ${scope.operation} again.`,
      detail(scope, winner),
    );
  }
  // A transaction that changes the metadata conflicts with any data added meanwhile, blind appends too.
  const changesMetadata = scope.changesMetadata && !scope.creates;
  if (changesMetadata || (scope.readPredicate !== null && winner.commitInfo?.isBlindAppend !== true)) {
    const added = winner.adds.filter((add) => add.dataChange !== false);
    const clash = added.find((add) => changesMetadata || readsFile(scope, add));
    if (clash) {
      throw new LakehouseError(
        'ConcurrentAppendException',
        `${ours} conflicts with a concurrent update of ${scope.table} (${winning}) that added data it would have read. ${retry}`,
        { ...detail(scope, winner), path: clash.path },
      );
    }
  }
  const removedRead = winner.removes.find((remove) => scope.readFiles.has(remove.path));
  if (removedRead) {
    throw new LakehouseError(
      'ConcurrentDeleteReadException',
      `${ours} read a file of ${scope.table} that a concurrent update (${winning}) removed. ${retry}`,
      { ...detail(scope, winner), path: removedRead.path },
    );
  }
  const ourRemoves = new Set(scope.removes.map((r) => r.path));
  const removedTwice = winner.removes.find((remove) => ourRemoves.has(remove.path));
  if (removedTwice) {
    throw new LakehouseError(
      'ConcurrentDeleteDeleteException',
      `${ours} and a concurrent update of ${scope.table} (${winning}) both removed the same file. ${retry}`,
      { ...detail(scope, winner), path: removedTwice.path },
    );
  }
  return 'none';
}

function readsFile(scope: ConflictScope, add: AddFile): boolean {
  if (scope.readPredicate === 'all' || scope.prune === null) return true;
  return scope.readPredicate !== null && fileMayMatch(scope.readPredicate, add, scope.prune);
}

function detail(scope: ConflictScope, winner: Commit): Record<string, unknown> {
  return {
    table: scope.table,
    operation: scope.operation,
    winningVersion: winner.version,
    winningOperation: winner.commitInfo?.operation ?? null,
  };
}
