import type { LockMode, TableLocks } from './table-locks';

/**
 * Locks over the Web Locks API: shared by every tab and worker of the origin, and released by the
 * browser when the tab holding one closes, so a closed tab never leaves a table locked.
 */
export class WebTableLocks implements TableLocks {
  constructor(private readonly locks: LockManager = navigator.locks) {}

  run<T>(name: string, mode: LockMode, job: () => Promise<T>): Promise<T> {
    return this.locks.request(name, { mode }, () => job()) as Promise<T>;
  }
}

/** True where the Web Locks API exists (browsers, their workers). */
export function hasWebLocks(): boolean {
  return typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks !== undefined;
}
