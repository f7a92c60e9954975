import { LakehouseError } from '../../engine/errors';
import { isKeyword, isName, type Token } from './tokenizer';

/** Delta's time travel after a table name: `VERSION AS OF 3`, `TIMESTAMP AS OF '…'`. */
export type TimeTravel = { version: number } | { timestamp: string };

/** A `layer.name` in a statement, with the time travel that follows it, if any. */
export interface TableReference {
  /** `layer.name` as written, with bare words lower-cased (SQL names are case-insensitive). */
  table: string;
  /** Index (in the meaningful tokens) of the layer token. */
  first: number;
  /** Index of the last token of the reference, including a time-travel clause. */
  last: number;
  timeTravel?: TimeTravel;
  /** True when an alias follows (so a rewrite must not add one). */
  hasAlias: boolean;
}

/** Words after a table that cannot be its alias. */
const NOT_ALIAS = new Set([
  'WHERE',
  'GROUP',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'NATURAL',
  'ON',
  'USING',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'HAVING',
  'WINDOW',
  'QUALIFY',
  'SEMI',
  'ANTI',
  'ASOF',
  'POSITIONAL',
  'LATERAL',
  'RETURNING',
  'SET',
  'VALUES',
  'SELECT',
  'FROM',
  'WHEN',
  'THEN',
  'USING',
  'PIVOT',
  'UNPIVOT',
  'TABLESAMPLE',
  'USING',
  'FETCH',
  'FOR',
  'VERSION',
  'TIMESTAMP',
]);

function nameOf(token: Token): string {
  return token.kind === 'quoted' ? token.value : token.text.toLowerCase();
}

/**
 * Find every two-part name `a.b` (not part of a longer dotted name) and any time-travel clause
 * after it. Whether it is a lake table is for the caller to check.
 */
export function findReferences(tokens: Token[]): TableReference[] {
  const found: TableReference[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!isName(tokens[i]) || tokens[i + 1].text !== '.' || !isName(tokens[i + 2])) continue;
    if (tokens[i - 1]?.text === '.' || tokens[i + 3]?.text === '.' || tokens[i + 3]?.text === '(') continue;
    const reference: TableReference = {
      table: `${nameOf(tokens[i])}.${nameOf(tokens[i + 2])}`,
      first: i,
      last: i + 2,
      hasAlias: false,
    };
    const travel = readTimeTravel(tokens, i + 3);
    if (travel) {
      reference.timeTravel = travel.timeTravel;
      reference.last = travel.last;
    }
    const after = tokens[reference.last + 1];
    reference.hasAlias =
      isKeyword(after, 'AS') ||
      (isName(after) && !(after.kind === 'word' && NOT_ALIAS.has(after.text.toUpperCase())));
    found.push(reference);
    i = reference.last;
  }
  return found;
}

function readTimeTravel(tokens: Token[], at: number): { timeTravel: TimeTravel; last: number } | null {
  let i = at;
  if (isKeyword(tokens[i], 'FOR')) i++;
  const kind = tokens[i]?.text.toUpperCase();
  const isVersion = kind === 'VERSION' || kind === 'SYSTEM_VERSION';
  const isTime = kind === 'TIMESTAMP' || kind === 'SYSTEM_TIME';
  if (tokens[i]?.kind !== 'word' || (!isVersion && !isTime)) return null;
  if (!isKeyword(tokens[i + 1], 'AS') || !isKeyword(tokens[i + 2], 'OF')) return null;
  const value = tokens[i + 3];
  const clause = tokens
    .slice(at, i + 4)
    .map((t) => t.text)
    .join(' ');
  if (isVersion) {
    if (value?.kind !== 'number' || !/^\d+$/.test(value.text)) {
      throw syntaxError(`${clause}…`, 'VERSION AS OF needs a version number, e.g. VERSION AS OF 3');
    }
    return { timeTravel: { version: Number(value.text) }, last: i + 3 };
  }
  if (isKeyword(value, 'TIMESTAMP') && tokens[i + 4]?.kind === 'string') {
    return { timeTravel: { timestamp: tokens[i + 4].value }, last: i + 4 };
  }
  if (value?.kind !== 'string') {
    throw syntaxError(
      `${clause}…`,
      "TIMESTAMP AS OF needs a quoted timestamp, e.g. TIMESTAMP AS OF '2026-11-25 10:00:00'",
    );
  }
  return { timeTravel: { timestamp: value.value }, last: i + 3 };
}

/** A Delta statement that does not parse. */
export function syntaxError(near: string, hint: string): LakehouseError {
  return new LakehouseError('SqlSyntaxError', `Cannot read "${near}": ${hint}`, { near });
}
