import type { VersionDiff } from '../../service/contract';
import type { TablesBackend } from './tables-backend';
import { errorMessage } from '../../engine/error-message';

/** State of the Compare tab: which two versions, by which key, and what changed between them. */
export class CompareModel {
  from = $state<number | null>(null);
  to = $state<number | null>(null);
  /** Key columns, comma-separated as typed; empty compares whole rows. */
  key = $state('');
  diff = $state<VersionDiff | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);
  private table: string | null = null;
  private request = 0;

  constructor(private readonly backend: Pick<TablesBackend, 'compare' | 'keyOf'>) {}

  /** Start over for a table: compare the version before `version` with it, by the table's key. */
  async reset(table: string, version: number, earliest: number): Promise<void> {
    if (this.table === table && this.to !== null) return;
    this.table = table;
    this.to = version;
    this.from = Math.max(earliest, version - 1);
    this.diff = null;
    this.error = null;
    this.key = ((await this.backend.keyOf(table)) ?? []).join(', ');
  }

  /** Run the comparison (a later one overtakes an earlier one still running). */
  async compare(): Promise<void> {
    if (this.table === null || this.from === null || this.to === null) return;
    const request = ++this.request;
    this.busy = true;
    this.error = null;
    const key = this.key
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    try {
      const diff = await this.backend.compare(this.table, this.from, this.to, key.length ? key : null);
      if (request === this.request) this.diff = diff;
    } catch (error) {
      if (request === this.request) this.error = errorMessage(error);
    } finally {
      if (request === this.request) this.busy = false;
    }
  }
}
