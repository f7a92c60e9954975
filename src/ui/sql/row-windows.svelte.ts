import { SvelteMap } from 'svelte/reactivity';
import type { Row } from '../../engine/types';
import { errorMessage } from '../../engine/error-message';
import { MAX_WINDOW_ROWS } from '../../service/contract';

/** Reads rows [offset, offset + limit) of the result from the worker. */
export type FetchRows = (offset: number, limit: number) => Promise<Row[]>;

/** How many windows stay in memory; the ones farthest from the rows on screen go first. */
const KEPT_WINDOWS = 24;

/**
 * The rows of one kept result that the UI holds: windows of MAX_WINDOW_ROWS rows, fetched from the
 * worker when the rows on screen need them, the first one given with the result.
 */
export class RowWindows {
  private readonly windows = new SvelteMap<number, Row[]>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping only: nothing on screen reads it
  private readonly pending = new Set<number>();
  /** Why a window could not be read (the result was dropped in the worker, …), or null. */
  error = $state<string | null>(null);

  constructor(
    private readonly rowCount: number,
    firstRows: Row[],
    private readonly fetchRows: FetchRows,
  ) {
    this.windows.set(0, firstRows);
  }

  /** Row `index`, or undefined while its window is being read. */
  row(index: number): Row | undefined {
    return this.windows.get(Math.floor(index / MAX_WINDOW_ROWS))?.[index % MAX_WINDOW_ROWS];
  }

  /** Make sure rows [first, last) are read (or being read). */
  need(first: number, last: number): void {
    if (last <= first) return;
    const from = Math.floor(first / MAX_WINDOW_ROWS);
    const to = Math.floor((last - 1) / MAX_WINDOW_ROWS);
    for (let w = from; w <= to; w++) if (!this.windows.has(w) && !this.pending.has(w)) void this.read(w);
  }

  private async read(w: number): Promise<void> {
    this.pending.add(w);
    try {
      const offset = w * MAX_WINDOW_ROWS;
      const rows = await this.fetchRows(offset, Math.min(MAX_WINDOW_ROWS, this.rowCount - offset));
      this.windows.set(w, rows);
      this.forgetFarFrom(w);
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.pending.delete(w);
    }
  }

  private forgetFarFrom(w: number): void {
    if (this.windows.size <= KEPT_WINDOWS) return;
    const farthest = [...this.windows.keys()].sort((a, b) => Math.abs(b - w) - Math.abs(a - w));
    for (const key of farthest.slice(0, this.windows.size - KEPT_WINDOWS)) this.windows.delete(key);
  }
}
