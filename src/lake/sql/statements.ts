import { syntaxError, type TimeTravel } from './references';
import { isKeyword, isName, meaningful, type Token } from './tokenizer';

/** A statement the lake runs itself rather than DuckDB: Delta's own, or a write to a lake table. */
export type LakeStatement =
  | { kind: 'history'; table: string; limit?: number }
  | { kind: 'detail'; table: string }
  | { kind: 'restore'; table: string; to: TimeTravel }
  | { kind: 'optimize'; table: string; zorderBy: string[] }
  | { kind: 'vacuum'; table: string; retainHours?: number; dryRun: boolean; force: boolean }
  | { kind: 'insert'; table: string; columns: string[] | null; query: string }
  | { kind: 'delete'; table: string; predicate: string | null }
  | { kind: 'update'; table: string; assignments: string; predicate: string | null }
  | { kind: 'create'; table: string; orReplace: boolean; partitionBy: string[]; query: string };

/** The SQL text of a statement from token `from` (inclusive) to the end. */
function textFrom(source: string, tokens: Token[], from: number): string {
  return from < tokens.length ? source.slice(tokens[from].start, tokens.at(-1)!.end) : '';
}

function nameOf(token: Token): string {
  return token.kind === 'quoted' ? token.value : token.text.toLowerCase();
}

/** Read `layer.name` at `i`; returns the name and the index after it. */
function readTable(tokens: Token[], i: number, statement: string): { table: string; next: number } {
  if (isName(tokens[i]) && tokens[i + 1]?.text === '.' && isName(tokens[i + 2])) {
    return { table: `${nameOf(tokens[i])}.${nameOf(tokens[i + 2])}`, next: i + 3 };
  }
  throw syntaxError(statement, `name the table as layer.name, e.g. ${statementExample(tokens)}`);
}

function statementExample(tokens: Token[]): string {
  const verb = tokens
    .slice(0, isKeyword(tokens[0], 'DESCRIBE') ? 2 : 1)
    .map((t) => t.text.toUpperCase())
    .join(' ');
  return `${verb} silver.orders`;
}

function readNameList(tokens: Token[], i: number, statement: string): { names: string[]; next: number } {
  const parenthesised = tokens[i]?.text === '(';
  if (parenthesised) i++;
  const names: string[] = [];
  for (;;) {
    if (!isName(tokens[i])) throw syntaxError(statement, 'list column names, e.g. (customer_unique_id)');
    names.push(tokens[i].kind === 'quoted' ? tokens[i].value : tokens[i].text);
    i++;
    if (tokens[i]?.text === ',') i++;
    else break;
  }
  if (parenthesised) {
    if (tokens[i]?.text !== ')') throw syntaxError(statement, 'close the column list with )');
    i++;
  }
  return { names, next: i };
}

function expectEnd(tokens: Token[], i: number, statement: string, hint: string): void {
  if (i < tokens.length) throw syntaxError(statement, `unexpected "${tokens[i].text}"; ${hint}`);
}

/** Recognise a lake statement; null for anything DuckDB should run as it is. */
export function parseLakeStatement(source: string, statementTokens: Token[]): LakeStatement | null {
  const t = meaningful(statementTokens);
  const statement = source.slice(t[0].start, t.at(-1)!.end).replace(/\s+/g, ' ');
  if (isKeyword(t[0], 'DESCRIBE') && (isKeyword(t[1], 'HISTORY') || isKeyword(t[1], 'DETAIL'))) {
    const { table, next } = readTable(t, 2, statement);
    if (isKeyword(t[1], 'DETAIL')) {
      expectEnd(t, next, statement, 'DESCRIBE DETAIL takes only a table');
      return { kind: 'detail', table };
    }
    if (isKeyword(t[next], 'LIMIT')) {
      if (t[next + 1]?.kind !== 'number') throw syntaxError(statement, 'LIMIT needs a number of versions');
      expectEnd(t, next + 2, statement, 'write DESCRIBE HISTORY silver.orders [LIMIT n]');
      return { kind: 'history', table, limit: Number(t[next + 1].text) };
    }
    expectEnd(t, next, statement, 'write DESCRIBE HISTORY silver.orders [LIMIT n]');
    return { kind: 'history', table };
  }
  if (isKeyword(t[0], 'RESTORE')) {
    let i = isKeyword(t[1], 'TABLE') ? 2 : 1;
    const { table, next } = readTable(t, i, statement);
    i = isKeyword(t[next], 'TO') ? next + 1 : next;
    const kind = t[i]?.text.toUpperCase();
    const hint =
      "write RESTORE TABLE silver.orders TO VERSION AS OF 2 (or TIMESTAMP AS OF '2026-11-25 10:00:00')";
    if (
      (kind !== 'VERSION' && kind !== 'TIMESTAMP') ||
      !isKeyword(t[i + 1], 'AS') ||
      !isKeyword(t[i + 2], 'OF')
    ) {
      throw syntaxError(statement, hint);
    }
    const value = t[i + 3];
    if (kind === 'VERSION') {
      if (value?.kind !== 'number' || !/^\d+$/.test(value.text)) throw syntaxError(statement, hint);
      expectEnd(t, i + 4, statement, hint);
      return { kind: 'restore', table, to: { version: Number(value.text) } };
    }
    if (value?.kind !== 'string') throw syntaxError(statement, hint);
    expectEnd(t, i + 4, statement, hint);
    return { kind: 'restore', table, to: { timestamp: value.value } };
  }
  if (isKeyword(t[0], 'OPTIMIZE')) {
    const { table, next } = readTable(t, 1, statement);
    if (next === t.length) return { kind: 'optimize', table, zorderBy: [] };
    if (!isKeyword(t[next], 'ZORDER') || !isKeyword(t[next + 1], 'BY')) {
      throw syntaxError(statement, 'write OPTIMIZE silver.orders [ZORDER BY (column, …)]');
    }
    const { names, next: end } = readNameList(t, next + 2, statement);
    expectEnd(t, end, statement, 'write OPTIMIZE silver.orders [ZORDER BY (column, …)]');
    return { kind: 'optimize', table, zorderBy: names };
  }
  if (isKeyword(t[0], 'VACUUM')) {
    const { table, next } = readTable(t, 1, statement);
    const result: LakeStatement = { kind: 'vacuum', table, dryRun: false, force: false };
    const hint = 'write VACUUM silver.orders [RETAIN n HOURS] [DRY RUN]';
    let i = next;
    while (i < t.length) {
      if (isKeyword(t[i], 'RETAIN')) {
        if (t[i + 1]?.kind !== 'number' || !isKeyword(t[i + 2], 'HOURS')) throw syntaxError(statement, hint);
        result.retainHours = Number(t[i + 1].text);
        i += 3;
      } else if (isKeyword(t[i], 'DRY') && isKeyword(t[i + 1], 'RUN')) {
        result.dryRun = true;
        i += 2;
      } else if (isKeyword(t[i], 'FORCE')) {
        result.force = true;
        i += 1;
      } else throw syntaxError(statement, `unexpected "${t[i].text}"; ${hint}`);
    }
    return result;
  }
  return parseWrite(source, t, statement);
}

/** Index of the WHERE that ends an UPDATE's SET list (not one inside a subquery), or -1. */
function topLevelWhere(tokens: Token[], from: number): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    if (tokens[i].text === '(') depth++;
    else if (tokens[i].text === ')') depth--;
    else if (depth === 0 && isKeyword(tokens[i], 'WHERE')) return i;
  }
  return -1;
}

/** INSERT INTO, DELETE FROM, UPDATE and CREATE TABLE … AS on `layer.name` (the caller checks it is a lake table). */
function parseWrite(source: string, t: Token[], statement: string): LakeStatement | null {
  if (isKeyword(t[0], 'INSERT') && isKeyword(t[1], 'INTO') && t[3]?.text === '.') {
    const { table, next } = readTable(t, 2, statement);
    let i = next;
    let columns: string[] | null = null;
    if (t[i]?.text === '(' && !isKeyword(t[i + 1], 'SELECT') && !isKeyword(t[i + 1], 'WITH')) {
      const list = readNameList(t, i, statement);
      columns = list.names;
      i = list.next;
    }
    return { kind: 'insert', table, columns, query: textFrom(source, t, i) };
  }
  if (isKeyword(t[0], 'DELETE') && isKeyword(t[1], 'FROM') && t[3]?.text === '.') {
    const { table, next } = readTable(t, 2, statement);
    if (next === t.length) return { kind: 'delete', table, predicate: null };
    if (!isKeyword(t[next], 'WHERE')) throw syntaxError(statement, 'write DELETE FROM silver.orders WHERE …');
    return { kind: 'delete', table, predicate: textFrom(source, t, next + 1) };
  }
  if (isKeyword(t[0], 'UPDATE') && t[2]?.text === '.') {
    const { table, next } = readTable(t, 1, statement);
    if (!isKeyword(t[next], 'SET'))
      throw syntaxError(statement, 'write UPDATE silver.orders SET column = value [WHERE …]');
    const where = topLevelWhere(t, next + 1);
    const assignments =
      where < 0 ? textFrom(source, t, next + 1) : source.slice(t[next + 1].start, t[where - 1].end);
    return {
      kind: 'update',
      table,
      assignments,
      predicate: where < 0 ? null : textFrom(source, t, where + 1),
    };
  }
  if (isKeyword(t[0], 'CREATE')) {
    let i = 1;
    const orReplace = isKeyword(t[1], 'OR') && isKeyword(t[2], 'REPLACE');
    if (orReplace) i = 3;
    if (!isKeyword(t[i], 'TABLE') || t[i + 2]?.text !== '.') return null;
    const { table, next } = readTable(t, i + 1, statement);
    i = next;
    if (isKeyword(t[i], 'USING') && isKeyword(t[i + 1], 'DELTA')) i += 2;
    let partitionBy: string[] = [];
    if (isKeyword(t[i], 'PARTITIONED') && isKeyword(t[i + 1], 'BY')) {
      const list = readNameList(t, i + 2, statement);
      partitionBy = list.names;
      i = list.next;
    }
    if (!isKeyword(t[i], 'AS')) return null; // CREATE TABLE with columns: DuckDB's own
    return { kind: 'create', table, orReplace, partitionBy, query: textFrom(source, t, i + 1) };
  }
  return null;
}
