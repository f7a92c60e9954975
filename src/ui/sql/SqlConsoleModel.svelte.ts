import type { QueryResult } from '../../engine/types';
import { consoleDraft } from './console-draft.svelte';

/** Runs SQL text; the engine call is injected so the model stays testable and UI-agnostic. */
export type RunSql = (query: string) => Promise<QueryResult>;

/** State of the SQL console: the text, the running flag, the last result or error. */
export class SqlConsoleModel {
  /** The editor's text lives in `consoleDraft` so other screens can open a query here. */
  get text(): string {
    return consoleDraft.text;
  }
  set text(value: string) {
    consoleDraft.text = value;
  }
  running = $state(false);
  result = $state<QueryResult | null>(null);
  error = $state<string | null>(null);
  history = $state<string[]>([]);

  constructor(
    private readonly runSql: RunSql,
    private readonly cancelSql: () => Promise<void> = async () => {},
  ) {}

  /** Ask the engine to stop the running query; `run` then shows the cancellation. */
  async cancel(): Promise<void> {
    if (this.running) await this.cancelSql();
  }

  async run(): Promise<void> {
    const query = this.text.trim();
    if (!query || this.running) return;
    this.running = true;
    this.error = null;
    try {
      this.result = await this.runSql(query);
      this.history = [query, ...this.history.filter((q) => q !== query)].slice(0, 20);
    } catch (error) {
      this.result = null;
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.running = false;
    }
  }
}
