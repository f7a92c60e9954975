import type { QueryResult } from '../../engine/types';
import type { TableRead } from '../../lake/sql/tables-read';
import type { CommitEvent } from '../../service/contract';
import type { AnswerMemory, RememberedAnswer } from './answer-memory';
import type { LogHeads } from './log-heads';

/** Answers kept across reloads: where they are kept, and the Delta logs that say whether one still holds. */
export interface RememberOptions {
  memory: AnswerMemory;
  heads: LogHeads;
  /** How many answers are kept: the most recently answered (default 32). */
  max?: number;
}

/** What a remembered answer answers: the SQL, its bound values, the row limit. */
export interface Question {
  sql: string;
  params?: unknown[];
  limit?: number;
}

/** How long after an answer the remembered answers are written (several charts answer together). */
const SAVE_DELAY_MS = 250;

/**
 * The query coordinator's answers kept across reloads. Each is kept with the commit of every
 * table it read (its version and its file's time); after a reload, before the engine has started,
 * an answer is given when every one of those tables' Delta logs still ends at that commit. When
 * the engine starts, the tables whose versions moved on since are told, so their readers ask again.
 */
export class RememberedAnswers {
  /** The answers that still hold, by question; only until the engine first starts. */
  private recalled: Promise<Map<string, RememberedAnswer>> | null;
  /** Answers given before the engine started (checked against its versions then). */
  private readonly given: RememberedAnswer[] = [];
  /** The answers to keep, most recent first. */
  private kept: RememberedAnswer[] = [];
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: RememberOptions) {
    this.recalled = this.recall();
  }

  /** Before the engine has started: the remembered answer to this question if it still holds, else null. */
  async answer(question: Question): Promise<QueryResult | null> {
    const answer = (await this.recalled)?.get(questionKey(question));
    if (!answer || this.recalled === null) return null;
    this.given.push(answer);
    return answer.result;
  }

  /**
   * The engine has started at these versions: remembered answers are given no more, and the
   * events to tell for answers given that are not right any more: a commit for a table that moved
   * on since (between the logs' reading and the engine's start), a reset for one that is gone.
   */
  engineStarted(versions: Record<string, number>): CommitEvent[] {
    this.recalled = null;
    const moved = new Set<string>();
    let gone = false;
    for (const answer of this.given.splice(0))
      for (const read of answer.reads) {
        if (versions[read.table] === undefined) gone = true;
        else if (versions[read.table] !== read.version) moved.add(read.table);
      }
    if (gone) return [{ kind: 'reset' }];
    return [...moved].map((table) => ({
      kind: 'commit',
      table,
      version: versions[table],
      operation: 'RELOAD',
    }));
  }

  /**
   * Keep the engine's answer, which read `reads` at `versions`, with each table's commit, if
   * `current()` still says nothing it read has moved on (asked again after the commits are read).
   * Answers pinned to a version (`VERSION AS OF`) are not kept.
   */
  async keep(
    asked: Question,
    reads: TableRead[],
    versions: number[],
    result: QueryResult,
    current: () => boolean,
  ): Promise<void> {
    if (reads.length === 0 || reads.some((read) => read.pinned) || !current()) return;
    const question = questionKey(asked);
    // Kept already at these versions (a cache hit asked again): no commit to read, nothing to save.
    const same = this.kept.find((a) => a.question === question);
    if (same && same.reads.every((read, i) => read.table === reads[i]?.table && read.version === versions[i]))
      return;
    const { heads } = this.options;
    const commits = await Promise.all(
      reads.map((read, i) => heads.commit(read.table, versions[i]).catch(() => null)),
    );
    if (!current() || commits.some((commit) => commit === null)) return;
    const answer: RememberedAnswer = {
      question,
      reads: reads.map((read, i) => ({ table: read.table, ...commits[i]! })),
      result,
    };
    this.kept = [answer, ...this.kept.filter((a) => a.question !== answer.question)].slice(
      0,
      this.options.max ?? 32,
    );
    this.saveSoon();
  }

  /** A commit or a reset: forget the answers it made old. */
  forgetOlder(event: CommitEvent): void {
    const before = this.kept.length;
    this.kept = this.kept.filter(
      (answer) =>
        event.kind !== 'reset' &&
        !answer.reads.some((read) => read.table === event.table && read.version !== event.version),
    );
    if (this.kept.length !== before) this.saveSoon();
  }

  /** The kept answers whose every table's log still ends at the commit they read. */
  private async recall(): Promise<Map<string, RememberedAnswer>> {
    const { memory, heads } = this.options;
    const answers = memory.load();
    const tables = [...new Set(answers.flatMap((answer) => answer.reads.map((read) => read.table)))];
    const newest = new Map(
      await Promise.all(
        tables.map(async (table) => [table, await heads.newest(table).catch(() => null)] as const),
      ),
    );
    const holding = answers.filter((answer) =>
      answer.reads.every(
        (read) =>
          newest.get(read.table)?.version === read.version &&
          newest.get(read.table)?.modified === read.modified,
      ),
    );
    const known = new Set(this.kept.map((answer) => answer.question));
    this.kept.push(...holding.filter((answer) => !known.has(answer.question)));
    return new Map(holding.map((answer) => [answer.question, answer]));
  }

  private saveSoon(): void {
    if (this.saveTimer !== null) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.options.memory.save(this.kept);
    }, SAVE_DELAY_MS);
  }
}

function questionKey(question: Question): string {
  return JSON.stringify(
    [question.sql, question.params ?? [], question.limit ?? 10_000],
    (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
  );
}
