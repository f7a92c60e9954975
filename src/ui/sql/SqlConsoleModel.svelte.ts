import type { ConsoleResult } from '../../service/contract';
import { consoleDraft } from './console-draft.svelte';
import { QueryHistory } from './query-history.svelte';
import { errorMessage } from '../../engine/error-message';

/** Runs SQL text; the engine call is injected so the model stays testable and UI-agnostic. */
export type RunSql = (query: string) => Promise<ConsoleResult>;

/** Forgets a result kept in the worker (its tab closed). */
export type ReleaseResult = (resultId: number) => Promise<void>;

/** One result kept as a tab: the query that made it and the kept result (its first rows; the rest stay in the worker). */
export interface ResultTab {
  id: number;
  query: string;
  result: ConsoleResult;
}

/** How many results stay open as tabs; opening one more closes the oldest. */
export const MAX_RESULT_TABS = 6;

/** State of the SQL console: the text, the running flag, the results kept as tabs, the last error, the history. */
export class SqlConsoleModel {
  /** The editor's text lives in `consoleDraft` so other screens can open a query here. */
  get text(): string {
    return consoleDraft.text;
  }
  set text(value: string) {
    consoleDraft.text = value;
  }
  running = $state(false);
  tabs = $state.raw<ResultTab[]>([]);
  activeId = $state<number | null>(null);
  error = $state<string | null>(null);
  readonly history: QueryHistory;
  private nextId = 1;

  constructor(
    private readonly runSql: RunSql,
    private readonly cancelSql: () => Promise<void> = async () => {},
    private readonly releaseResult: ReleaseResult = async () => {},
    history = new QueryHistory(),
  ) {
    this.history = history;
  }

  /** The tab shown now. */
  get active(): ResultTab | null {
    return this.tabs.find((t) => t.id === this.activeId) ?? null;
  }

  /** Ask the engine to stop the running query; `run` then shows the cancellation. */
  async cancel(): Promise<void> {
    if (this.running) await this.cancelSql();
  }

  /** Run the editor's text: its result opens as a new tab (the oldest closes past MAX_RESULT_TABS). */
  async run(): Promise<void> {
    const query = this.text.trim();
    if (!query || this.running) return;
    this.running = true;
    this.error = null;
    try {
      const result = await this.runSql(query);
      const tab: ResultTab = { id: this.nextId++, query, result };
      const tabs = [...this.tabs, tab];
      for (const old of tabs.slice(0, -MAX_RESULT_TABS)) void this.release(old);
      this.tabs = tabs.slice(-MAX_RESULT_TABS);
      this.activeId = tab.id;
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.running = false;
      this.history.add(query);
    }
  }

  /** Close a result tab; the one beside it is shown. */
  close(id: number): void {
    const at = this.tabs.findIndex((t) => t.id === id);
    if (at < 0) return;
    void this.release(this.tabs[at]);
    this.tabs = this.tabs.filter((t) => t.id !== id);
    if (this.activeId === id) this.activeId = (this.tabs[at] ?? this.tabs[at - 1])?.id ?? null;
  }

  /** A closed tab's result is forgotten in the worker; failing to forget it only costs memory there. */
  private async release(tab: ResultTab): Promise<void> {
    try {
      await this.releaseResult(tab.result.id);
    } catch {
      // The worker drops its oldest results by itself.
    }
  }
}
