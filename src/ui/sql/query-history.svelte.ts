/** Where the console's query history is kept on this device. */
export const HISTORY_KEY = 'pocket-lakehouse.sql-history';

/** How many queries the history keeps (the oldest are forgotten). */
export const HISTORY_LIMIT = 50;

/** A query longer than this is not kept (a pasted script should not fill the browser's storage). */
const LONGEST_KEPT = 20_000;

/**
 * The queries run in the console, newest first, kept across reloads in localStorage, with a
 * cursor for stepping through them (Ctrl/Cmd+ArrowUp and ArrowDown in the editor).
 */
export class QueryHistory {
  entries = $state<string[]>([]);
  /** Index of the entry shown by stepping, or -1 when the editor holds the user's own text. */
  private cursor = -1;

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeLocalStorage()) {
    this.entries = readEntries(storage);
  }

  /** Remember a query that ran: it moves to the top, once. */
  add(query: string): void {
    const text = query.trim();
    this.cursor = -1;
    if (!text || text.length > LONGEST_KEPT) return;
    this.entries = [text, ...this.entries.filter((q) => q !== text)].slice(0, HISTORY_LIMIT);
    try {
      this.storage?.setItem(HISTORY_KEY, JSON.stringify(this.entries));
    } catch {
      // Storage full or refused: the history still works for this visit.
    }
  }

  /** Step back (-1: older) or forward (1: newer); null past either end. */
  step(direction: -1 | 1): string | null {
    const next = this.cursor - direction;
    if (next < 0 || next >= this.entries.length) return null;
    this.cursor = next;
    return this.entries[next];
  }
}

function readEntries(storage: Pick<Storage, 'getItem'> | null): string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((q): q is string => typeof q === 'string').slice(0, HISTORY_LIMIT)
      : [];
  } catch {
    return [];
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
