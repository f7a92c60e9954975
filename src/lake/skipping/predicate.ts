import type { SqlValue } from '../../engine/types';
import { isKeyword, meaningful, tokenize, type Token } from '../sql/tokenizer';

/** A literal in a predicate: its text form, or null for SQL NULL. */
export type Literal = string | null;

/** A predicate reduced to what data skipping understands; anything else is `unknown` (may match). */
export type Condition =
  | { kind: 'and' | 'or'; terms: Condition[] }
  | { kind: 'compare'; column: string; op: '=' | '<' | '<=' | '>' | '>=' | '<>'; value: Literal }
  | { kind: 'between'; column: string; low: Literal; high: Literal }
  | { kind: 'in'; column: string; values: Literal[] }
  | { kind: 'null'; column: string; negated: boolean }
  | { kind: 'unknown' };

const FLIP: Record<string, '=' | '<' | '<=' | '>' | '>=' | '<>'> = {
  '=': '=',
  '==': '=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
  '<>': '<>',
  '!=': '<>',
};
const NORMAL: Record<string, '=' | '<' | '<=' | '>' | '>=' | '<>'> = {
  '=': '=',
  '==': '=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '<>': '<>',
  '!=': '<>',
};

/** Parse a SQL predicate (with `?` bound to `params`, in order) into a skipping condition. */
export function parsePredicate(predicate: string, params: SqlValue[] = []): Condition {
  const tokens = meaningful(tokenize(predicate));
  let paramIndex = 0;
  const bind = tokens.map((t) => (t.kind === 'param' && t.text === '?' ? paramIndex++ : -1));
  const literalOf = (i: number): { value: Literal; next: number } | null =>
    readLiteral(tokens, i, params, bind);
  return parseRange(tokens, 0, tokens.length, literalOf);
}

type LiteralReader = (i: number) => { value: Literal; next: number } | null;

function parseRange(tokens: Token[], from: number, to: number, literal: LiteralReader): Condition {
  if (from >= to) return { kind: 'unknown' };
  const ors = splitTopLevel(tokens, from, to, 'OR');
  if (ors.length > 1) return { kind: 'or', terms: ors.map(([a, b]) => parseRange(tokens, a, b, literal)) };
  const ands = splitTopLevel(tokens, from, to, 'AND');
  if (ands.length > 1) return { kind: 'and', terms: ands.map(([a, b]) => parseRange(tokens, a, b, literal)) };
  if (tokens[from].text === '(' && closingParen(tokens, from) === to - 1) {
    return parseRange(tokens, from + 1, to - 1, literal);
  }
  return parseTerm(tokens, from, to, literal) ?? { kind: 'unknown' };
}

/** Split at a top-level keyword; the AND of a BETWEEN stays inside its term. */
function splitTopLevel(tokens: Token[], from: number, to: number, word: 'AND' | 'OR'): [number, number][] {
  const parts: [number, number][] = [];
  let depth = 0;
  let start = from;
  let pendingBetween = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && isKeyword(t, 'BETWEEN')) pendingBetween++;
    else if (depth === 0 && isKeyword(t, word)) {
      if (word === 'AND' && pendingBetween > 0) {
        pendingBetween--;
        continue;
      }
      parts.push([start, i]);
      start = i + 1;
    }
  }
  parts.push([start, to]);
  return parts;
}

function closingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].text === '(') depth++;
    else if (tokens[i].text === ')' && --depth === 0) return i;
  }
  return -1;
}

function parseTerm(tokens: Token[], from: number, to: number, literal: LiteralReader): Condition | null {
  const column = readColumn(tokens, from, to);
  if (column) {
    let i = column.next;
    const t = tokens[i];
    if (t?.kind === 'op' && NORMAL[t.text]) {
      const value = literal(i + 1);
      if (value && value.next === to)
        return { kind: 'compare', column: column.name, op: NORMAL[t.text], value: value.value };
      return null;
    }
    if (isKeyword(t, 'IS')) {
      const negated = isKeyword(tokens[i + 1], 'NOT');
      i += negated ? 2 : 1;
      return isKeyword(tokens[i], 'NULL') && i + 1 === to
        ? { kind: 'null', column: column.name, negated }
        : null;
    }
    if (isKeyword(t, 'BETWEEN')) {
      const low = literal(i + 1);
      if (!low || !isKeyword(tokens[low.next], 'AND')) return null;
      const high = literal(low.next + 1);
      return high && high.next === to
        ? { kind: 'between', column: column.name, low: low.value, high: high.value }
        : null;
    }
    if (isKeyword(t, 'IN') && tokens[i + 1]?.text === '(') {
      const values: Literal[] = [];
      i += 2;
      for (;;) {
        const value = literal(i);
        if (!value) return null;
        values.push(value.value);
        i = value.next;
        if (tokens[i]?.text === ',') i++;
        else if (tokens[i]?.text === ')' && i + 1 === to) return { kind: 'in', column: column.name, values };
        else return null;
      }
    }
    return null;
  }
  // literal op column
  const value = literal(from);
  const op = value ? tokens[value.next] : undefined;
  if (value && op?.kind === 'op' && FLIP[op.text]) {
    const right = readColumn(tokens, value.next + 1, to);
    if (right && right.next === to)
      return { kind: 'compare', column: right.name, op: FLIP[op.text], value: value.value };
  }
  return null;
}

/** A column reference: `name`, `"name"` or `alias.name` (the last part names the column). */
function readColumn(tokens: Token[], from: number, to: number): { name: string; next: number } | null {
  let i = from;
  if (!isColumnToken(tokens[i]) || isTypedLiteral(tokens, i)) return null;
  let name = tokens[i].value;
  i++;
  while (i + 1 < to && tokens[i].text === '.' && isColumnToken(tokens[i + 1])) {
    name = tokens[i + 1].value;
    i += 2;
  }
  if (tokens[i]?.text === '(') return null; // a function call, not a column
  return { name, next: i };
}

const NOT_COLUMNS = new Set(['NOT', 'NULL', 'TRUE', 'FALSE', 'CAST', 'CASE', 'EXISTS']);

/** `DATE '2020-01-01'` is a literal; a bare `date` is a column (COVID-19_NYT has one). */
function isTypedLiteral(tokens: Token[], i: number): boolean {
  return (
    (isKeyword(tokens[i], 'DATE') || isKeyword(tokens[i], 'TIMESTAMP')) && tokens[i + 1]?.kind === 'string'
  );
}

function isColumnToken(token: Token | undefined): boolean {
  if (!token) return false;
  if (token.kind === 'quoted') return true;
  return token.kind === 'word' && !NOT_COLUMNS.has(token.text.toUpperCase());
}

function readLiteral(
  tokens: Token[],
  i: number,
  params: SqlValue[],
  bind: number[],
): { value: Literal; next: number } | null {
  let t = tokens[i];
  if (!t) return null;
  let value: Literal;
  if (isTypedLiteral(tokens, i)) {
    i++;
    t = tokens[i];
  }
  if (t.kind === 'string') value = t.value;
  else if (t.kind === 'number') value = t.text.replaceAll('_', '');
  else if (t.text === '-' && tokens[i + 1]?.kind === 'number') {
    i++;
    value = `-${tokens[i].text.replaceAll('_', '')}`;
  } else if (t.kind === 'param' && bind[i] >= 0) {
    const bound = params[bind[i]];
    if (bound === undefined) return null;
    value = bound === null ? null : String(bound);
  } else if (isKeyword(t, 'TRUE') || isKeyword(t, 'FALSE')) value = t.text.toLowerCase();
  else if (isKeyword(t, 'NULL')) value = null;
  else return null;
  i++;
  // A trailing cast such as '2020-01-01'::DATE keeps the literal's text.
  if (tokens[i]?.text === '::' && tokens[i + 1]?.kind === 'word') {
    i += 2;
    if (tokens[i]?.text === '(') {
      const close = closingParen(tokens, i);
      if (close < 0) return null;
      i = close + 1;
    }
  }
  return { value, next: i };
}
