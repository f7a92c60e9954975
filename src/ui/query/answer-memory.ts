import type { QueryResult } from '../../engine/types';
import type { LogCommit } from './log-heads';

/** An answer kept across reloads, with the commit of every table it read. */
export interface RememberedAnswer {
  /** The question: SQL, bound values and limit (see `questionOf`). */
  question: string;
  reads: Array<{ table: string } & LogCommit>;
  result: QueryResult;
}

/** Where remembered answers are kept: read once at start, written whole. */
export interface AnswerMemory {
  load(): RememberedAnswer[];
  save(answers: RememberedAnswer[]): void;
}

/** The part of `localStorage` the memory uses (tests hand it a plain object). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const STORAGE_KEY = 'pocket-lakehouse:answers';
/** Answers larger than this, written as JSON, are not kept (a chart's rows are a few KB). */
export const MAX_REMEMBERED_ANSWER_CHARS = 256 * 1024;
/**
 * All answers kept, as JSON, stay under this (localStorage holds about 5M characters per origin,
 * shared with the rest of the app): the most recent first, the rest are not kept.
 */
export const MAX_REMEMBERED_CHARS = 1024 * 1024;
const FORMAT = 1;

/**
 * Remembered answers in `localStorage` (null: nothing is kept), given most recent first. Values
 * are numbers, strings, booleans, null and bigints (written tagged, read back as bigints); an
 * answer holding anything else, or larger than MAX_REMEMBERED_ANSWER_CHARS, is not kept, nor are
 * the oldest beyond MAX_REMEMBERED_CHARS in all. What cannot be read back (another format, a
 * damaged entry) is forgotten.
 */
export function localAnswerMemory(store: KeyValueStore | null): AnswerMemory {
  return {
    load() {
      try {
        const text = store?.getItem(STORAGE_KEY);
        if (!text) return [];
        const saved = JSON.parse(text, revive) as { format?: unknown; answers?: unknown };
        if (saved.format !== FORMAT || !Array.isArray(saved.answers)) return [];
        return saved.answers.filter(isRememberedAnswer);
      } catch {
        return [];
      }
    },
    save(answers) {
      if (!store) return;
      const kept: string[] = [];
      let chars = 0;
      for (const answer of answers) {
        const json = answerJson(answer);
        if (json === null || chars + json.length > MAX_REMEMBERED_CHARS) continue;
        kept.push(json);
        chars += json.length;
      }
      try {
        store.setItem(STORAGE_KEY, `{"format":${FORMAT},"answers":[${kept.join(',')}]}`);
      } catch {
        store.removeItem(STORAGE_KEY); // full: keep nothing rather than an old set
      }
    },
  };
}

/** One answer as JSON, or null when it holds a value JSON cannot carry back or is too large. */
function answerJson(answer: RememberedAnswer): string | null {
  let plain = true;
  const json = JSON.stringify(answer, (_key, value: unknown) => {
    if (typeof value === 'bigint') return { $bigint: value.toString() };
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) plain = false;
    }
    return value;
  });
  return plain && json.length <= MAX_REMEMBERED_ANSWER_CHARS ? json : null;
}

function revive(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const tagged = value as { $bigint?: unknown };
    if (typeof tagged.$bigint === 'string' && Object.keys(value).length === 1) return BigInt(tagged.$bigint);
  }
  return value;
}

function isRememberedAnswer(value: unknown): value is RememberedAnswer {
  const answer = value as Partial<RememberedAnswer> | null;
  return (
    typeof answer?.question === 'string' &&
    Array.isArray(answer.reads) &&
    answer.reads.every(
      (read) =>
        typeof read?.table === 'string' &&
        typeof read.version === 'number' &&
        typeof read.modified === 'number',
    ) &&
    Array.isArray(answer.result?.rows) &&
    Array.isArray(answer.result.columns)
  );
}
