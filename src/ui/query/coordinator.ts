import type { QueryResult, SqlValue } from '../../engine/types';
import { tablesRead, type TableRead } from '../../lake/sql/tables-read';
import type { CommitEvent } from '../../service/contract';

/** How soon a query should run: an answer the user is looking at first, prefetches last. */
export const Priority = { High: 0, Normal: 1, Low: 2 } as const;

/** The one call the coordinator needs of the engine (the worker's `query`). */
export interface QueryConnector {
  query(sql: string, params: SqlValue[], limit: number): Promise<QueryResult>;
}

/** A query a screen asks for. */
export interface QueryRequest {
  sql: string;
  params?: SqlValue[];
  priority?: number;
  /** Who asks (e.g. a chart): a newer request from the same client makes its older one stale. */
  client?: string;
  limit?: number;
}

/** A request replaced by a newer one from the same client, or cancelled by it. */
export class QueryCancelled extends Error {
  constructor(client: string) {
    super(`The query of ${client} was replaced by a newer one`);
    this.name = 'QueryCancelled';
  }
}

/** A request naming a table the lake does not have (yet): nothing was sent to the engine. */
export class TablesMissing extends Error {
  constructor(readonly tables: string[]) {
    super(`${tables.join(', ')} ${tables.length === 1 ? 'does' : 'do'} not exist yet`);
    this.name = 'TablesMissing';
  }
}

interface Pending {
  key: string;
  request: QueryRequest;
  priority: number;
  seq: number;
  waiters: Array<{ resolve: (r: QueryResult) => void; reject: (e: unknown) => void; client?: string }>;
}

/**
 * The UI's query coordinator, after Mosaic's Coordinator/QueryManager: screens ask it for
 * queries; it runs them in priority order, a few at a time, drops a client's stale request when
 * a newer one comes, and caches answers by the versions of the tables they read. The worker's
 * commit events (`commit`) move those versions on, so a cached answer lives exactly as long as
 * nothing it read has changed; a query pinned by `VERSION AS OF` never goes stale.
 */
export class QueryCoordinator {
  /** Latest version of every table the lake has, from the subscription and every commit since. */
  private readonly versions = new Map<string, number>();
  private readonly cache = new Map<string, QueryResult>();
  private readonly queued: Pending[] = [];
  private readonly inFlight = new Map<string, Pending>();
  private readonly listeners = new Set<(event: CommitEvent) => void>();
  private seq = 0;
  private sentCount = 0;
  private started: Promise<void>;
  private start!: () => void;
  private isStarted = false;

  constructor(
    private readonly connector: QueryConnector,
    private readonly options: {
      maxInFlight?: number;
      cacheSize?: number;
      /** Where to read every table's latest version again after a reset (tables dropped or replaced). */
      versions?: () => Promise<Record<string, number>>;
    } = {},
  ) {
    this.started = new Promise((resolve) => (this.start = resolve));
  }

  /** After a reset: hold new queries until the versions are read again (none exist when there is no source). */
  private resync(): void {
    const source = this.options.versions;
    if (!source) return;
    this.isStarted = false;
    this.started = new Promise((resolve) => (this.start = resolve));
    void source().then(
      (versions) => this.begin(versions),
      () => this.begin({}),
    );
  }

  /** Begin with the lake's versions now (from the commit subscription); queries wait until then. */
  begin(versions: Record<string, number>): void {
    for (const [table, version] of Object.entries(versions)) this.versions.set(table, version);
    this.isStarted = true;
    this.start();
  }

  /** The latest version of a table, or undefined when the lake does not have it. */
  version(table: string): number | undefined {
    return this.versions.get(table);
  }

  /** Hear of commits after the coordinator has taken them in (a chart re-asking for its rows). */
  onCommit(listener: (event: CommitEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Take in a commit event from the worker: move the table's version on, forget answers that
   * read an older one, tell the listeners. Returns how many queries were sent to the engine
   * because of it (the worker lets that many run before its next pipeline model).
   */
  commit(event: CommitEvent): number {
    const before = this.sentCount;
    if (event.kind === 'reset') {
      this.versions.clear();
      this.cache.clear();
      this.resync();
    } else {
      this.versions.set(event.table, event.version);
      for (const key of [...this.cache.keys()])
        if (readsOlder(key, event.table, event.version)) this.cache.delete(key);
    }
    for (const listener of this.listeners) listener(event);
    return this.sentCount - before;
  }

  /**
   * Ask for a query's answer: from the cache when nothing it read has changed, else from the
   * engine. Once begun, the request is queued (and sent, when a slot is free) before this returns,
   * so a commit listener's requests count in what `commit` reports.
   */
  query(request: QueryRequest): Promise<QueryResult> {
    if (!this.isStarted) return this.started.then(() => this.query(request));
    const reads = tablesRead(request.sql);
    const missing = reads.filter((r) => !this.versions.has(r.table)).map((r) => r.table);
    if (request.client) this.cancel(request.client);
    if (missing.length > 0) return Promise.reject(new TablesMissing(missing));
    const key = this.keyOf(request, reads);
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key); // keep the most recently used last
      this.cache.set(key, cached);
      return Promise.resolve(cached);
    }
    return new Promise<QueryResult>((resolve, reject) => {
      const waiter = { resolve, reject, client: request.client };
      const joined = this.inFlight.get(key) ?? this.queued.find((p) => p.key === key);
      if (joined) {
        joined.waiters.push(waiter);
        joined.priority = Math.min(joined.priority, request.priority ?? Priority.Normal);
        return;
      }
      const priority = request.priority ?? Priority.Normal;
      this.queued.push({ key, request, priority, seq: this.seq++, waiters: [waiter] });
      this.pump();
    });
  }

  /** Drop the client's waiting request (its caller gets QueryCancelled); one already running still fills the cache. */
  cancel(client: string): void {
    for (const pending of [...this.queued, ...this.inFlight.values()]) {
      const stale = pending.waiters.filter((w) => w.client === client);
      if (stale.length === 0) continue;
      pending.waiters = pending.waiters.filter((w) => w.client !== client);
      for (const waiter of stale) waiter.reject(new QueryCancelled(client));
      if (pending.waiters.length === 0 && this.queued.includes(pending))
        this.queued.splice(this.queued.indexOf(pending), 1);
    }
  }

  /** How many queries have been sent to the engine so far (a cache hit sends none). */
  get sent(): number {
    return this.sentCount;
  }

  private keyOf(request: QueryRequest, reads: TableRead[]): string {
    const versions = reads
      .filter((r) => !r.pinned)
      .map((r) => `${r.table}@${this.versions.get(r.table)}`)
      .join(' ');
    return `${versions}\u0000${JSON.stringify(request.params ?? [], bigints)}\u0000${request.limit ?? 10_000}\u0000${request.sql}`;
  }

  private pump(): void {
    const max = this.options.maxInFlight ?? 6;
    while (this.inFlight.size < max && this.queued.length > 0) {
      this.queued.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      const next = this.queued.shift()!;
      this.inFlight.set(next.key, next);
      this.sentCount += 1;
      const { sql, params = [], limit = 10_000 } = next.request;
      this.connector
        .query(sql, params, limit)
        .then(
          (result) => {
            this.remember(next.key, result);
            for (const waiter of next.waiters) waiter.resolve(result);
          },
          (error: unknown) => {
            for (const waiter of next.waiters) waiter.reject(error);
          },
        )
        .finally(() => {
          this.inFlight.delete(next.key);
          this.pump();
        });
    }
  }

  private remember(key: string, result: QueryResult): void {
    // An answer to versions a commit has since replaced is not kept.
    if (
      key
        .split('\u0000')[0]
        .split(' ')
        .some((read) => read && isOlder(read, this.versions))
    )
      return;
    this.cache.set(key, result);
    const size = this.options.cacheSize ?? 200;
    while (this.cache.size > size) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** `table@version` in a cache key names a version older than the table's latest. */
function isOlder(read: string, versions: Map<string, number>): boolean {
  const at = read.lastIndexOf('@');
  return versions.get(read.slice(0, at)) !== Number(read.slice(at + 1));
}

function readsOlder(key: string, table: string, version: number): boolean {
  const reads = key.split('\u0000')[0];
  return reads.split(' ').some((read) => read.startsWith(`${table}@`) && read !== `${table}@${version}`);
}

function bigints(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
