import type { QueryResult, SqlValue } from '../../engine/types';
import { tablesRead, type TableRead } from '../../lake/sql/tables-read';
import type { CommitEvent } from '../../service/contract';
import { RememberedAnswers, type RememberOptions } from './remembered-answers';

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
  /**
   * Keep the answer across reloads (a chart's rows): after a reload it is given at once, before the
   * engine has started, when every table it read still ends at the commit it read (remembered-answers.ts).
   */
  remember?: boolean;
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
 * nothing it read has changed; a query pinned by `VERSION AS OF` never goes stale. Answers asked
 * to be remembered are also kept across reloads (RememberedAnswers).
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
  private readonly remembered: RememberedAnswers | null;

  constructor(
    private readonly connector: QueryConnector,
    private readonly options: {
      maxInFlight?: number;
      cacheSize?: number;
      /** Where to read every table's latest version again after a reset (tables dropped or replaced). */
      versions?: () => Promise<Record<string, number>>;
      /** Keep answers asked to be remembered across reloads. */
      remember?: RememberOptions;
    } = {},
  ) {
    this.started = new Promise((resolve) => (this.start = resolve));
    this.remembered = options.remember ? new RememberedAnswers(options.remember) : null;
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
    for (const event of this.remembered?.engineStarted(versions) ?? []) this.tell(event);
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
    this.remembered?.forgetOlder(event);
    this.tell(event);
    return this.sentCount - before;
  }

  /**
   * Ask for a query's answer: from the cache when nothing it read has changed, else from the
   * engine. Once begun, the request is queued (and sent, when a slot is free) before this returns,
   * so a commit listener's requests count in what `commit` reports.
   */
  query(request: QueryRequest): Promise<QueryResult> {
    if (!this.isStarted)
      return request.remember && this.remembered
        ? this.fromMemory(request, this.remembered)
        : this.started.then(() => this.query(request));
    const reads = tablesRead(request.sql);
    const missing = reads.filter((r) => !this.versions.has(r.table)).map((r) => r.table);
    if (request.client) this.cancel(request.client);
    if (missing.length > 0) return Promise.reject(new TablesMissing(missing));
    const key = this.keyOf(request, reads);
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key); // keep the most recently used last
      this.cache.set(key, cached);
      if (request.remember) this.keepAcrossReloads(request, key, cached);
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
            if (next.request.remember) this.keepAcrossReloads(next.request, next.key, result);
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

  /** Before the engine has started: a remembered answer that still holds, else the engine's, once started. */
  private async fromMemory(request: QueryRequest, remembered: RememberedAnswers): Promise<QueryResult> {
    return (await remembered.answer(request)) ?? this.started.then(() => this.query(request));
  }

  private keepAcrossReloads(request: QueryRequest, key: string, result: QueryResult): void {
    const reads = tablesRead(request.sql);
    const versions = reads.map((read) => this.versions.get(read.table) ?? -1);
    void this.remembered?.keep(request, reads, versions, result, () => this.isCurrent(key));
  }

  private tell(event: CommitEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** The versions a cache key names are still every table's latest. */
  private isCurrent(key: string): boolean {
    return !key
      .split('\u0000')[0]
      .split(' ')
      .some((read) => read && isOlder(read, this.versions));
  }

  private remember(key: string, result: QueryResult): void {
    // An answer to versions a commit has since replaced is not kept.
    if (!this.isCurrent(key)) return;
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
