import { LakehouseError } from '../../engine/errors';

/** What a token is. `word` covers identifiers and keywords; `quoted` is a "quoted identifier". */
export type TokenKind = 'space' | 'comment' | 'string' | 'quoted' | 'word' | 'number' | 'param' | 'op';

/** One token of a SQL text, with its place in the text so a rewrite can splice around it. */
export interface Token {
  kind: TokenKind;
  /** The exact source text. */
  text: string;
  start: number;
  end: number;
  /** Unquoted content of strings and quoted identifiers; the text otherwise. */
  value: string;
}

const OPERATORS = ['->>', '::', '<=', '>=', '<>', '!=', '==', '||', '->', '**', '//', '<<', '>>'];
const WORD_START = /[A-Za-z_\u0080-\uFFFF]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uFFFF]/;

/** Split SQL into tokens: strings, quoted identifiers and comments are whole tokens, never split. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number, value?: string) => {
    const text = sql.slice(i, end);
    tokens.push({ kind, text, start: i, end, value: value ?? text });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      let end = i + 1;
      while (end < sql.length && /\s/.test(sql[end])) end++;
      push('space', end);
    } else if (c === '-' && next === '-') {
      const newline = sql.indexOf('\n', i);
      push('comment', newline < 0 ? sql.length : newline);
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) throw unterminated('comment', i);
      push('comment', close + 2);
    } else if (c === "'" || ((c === 'E' || c === 'e') && next === "'")) {
      const quoteAt = c === "'" ? i : i + 1;
      const { end, value } = readQuoted(sql, quoteAt, "'", c !== "'");
      push('string', end, value);
    } else if (c === '"') {
      const { end, value } = readQuoted(sql, i, '"', false);
      push('quoted', end, value);
    } else if (c === '$' && /[A-Za-z_$]/.test(next ?? '') && dollarTag(sql, i)) {
      const tag = dollarTag(sql, i)!;
      const close = sql.indexOf(tag, i + tag.length);
      if (close < 0) throw unterminated('string', i);
      push('string', close + tag.length, sql.slice(i + tag.length, close));
    } else if (c === '?' || (c === '$' && /[0-9A-Za-z_]/.test(next ?? ''))) {
      let end = i + 1;
      while (end < sql.length && c === '$' && /[0-9A-Za-z_]/.test(sql[end])) end++;
      push('param', end);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next ?? ''))) {
      const match = /^(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][+-]?\d+)?/.exec(sql.slice(i))!;
      push('number', i + Math.max(1, match[0].length));
    } else if (WORD_START.test(c)) {
      let end = i + 1;
      while (end < sql.length && WORD_PART.test(sql[end])) end++;
      push('word', end);
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i));
      push('op', i + (op?.length ?? 1));
    }
  }
  return tokens;
}

function readQuoted(sql: string, start: number, quote: string, backslashes: boolean) {
  let value = '';
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslashes && c === '\\' && i + 1 < sql.length) {
      value += sql[i + 1];
      i += 2;
    } else if (c === quote && sql[i + 1] === quote) {
      value += quote;
      i += 2;
    } else if (c === quote) {
      return { end: i + 1, value };
    } else {
      value += c;
      i++;
    }
  }
  throw unterminated(quote === '"' ? 'quoted name' : 'string', start);
}

function dollarTag(sql: string, start: number): string | null {
  const match = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(start));
  return match ? match[0] : null;
}

function unterminated(what: string, at: number): LakehouseError {
  return new LakehouseError('SqlSyntaxError', `The ${what} starting at character ${at + 1} is never closed`, {
    position: at + 1,
  });
}

/** The tokens that matter for parsing: no spaces, no comments. */
export function meaningful(tokens: Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}

/** True when a token is the (unquoted) keyword `word`, in any case. */
export function isKeyword(token: Token | undefined, word: string): boolean {
  return token?.kind === 'word' && token.text.toUpperCase() === word;
}

/** True for a name: a bare word or a quoted identifier. */
export function isName(token: Token | undefined): boolean {
  return token?.kind === 'word' || token?.kind === 'quoted';
}

/** Split tokens into statements at top-level semicolons (empty statements dropped). */
export function splitStatements(tokens: Token[]): Token[][] {
  const statements: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'op' && token.text === ';') statements.push([]);
    else statements[statements.length - 1].push(token);
  }
  return statements.filter((s) => meaningful(s).length > 0);
}
