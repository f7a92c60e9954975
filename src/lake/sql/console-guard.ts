import { LakehouseError } from '../../engine/errors';
import { LAKE_DATABASE, LAKE_SCHEMA } from '../names';
import { isKeyword, isName, meaningful, type Token } from './tokenizer';

/** Statement verbs the console refuses: they would install or load code, or change DuckDB's settings. */
const REFUSED_VERBS: Record<string, string> = {
  INSTALL: 'installs an extension',
  LOAD: 'loads an extension',
  FORCE: 'installs an extension',
  SET: 'changes a setting',
  RESET: 'changes a setting',
  USE: 'changes the default schema',
};

/** Words that make a statement change something; a statement with none of them only reads. */
const WRITING_WORDS = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'CREATE',
  'DROP',
  'ALTER',
  'TRUNCATE',
  'COPY',
  'ATTACH',
  'DETACH',
  'IMPORT',
  'EXPORT',
  'LOAD',
  'INSTALL',
  'CALL',
  'PRAGMA',
  'SET',
  'RESET',
  'USE',
  'CHECKPOINT',
  'VACUUM',
  'COMMENT',
  'EXECUTE',
  'PREPARE',
]);

/** `scheme://` at the start of a string: a URL (https, s3, hf, …). */
const URL_STRING = /^\s*[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Refuse a console statement that would reach outside the lakehouse or into its internals: the
 * lake's own schema (loaded copies and scratch tables, by name or inside a string), a URL, an
 * extension, a setting. DuckDB's own configuration refuses the same things (external access off
 * and the configuration locked at boot); this says why, in the console's words, before DuckDB runs.
 */
export function checkConsoleStatement(statementTokens: Token[]): void {
  const tokens = meaningful(statementTokens);
  const verb = tokens[0]?.kind === 'word' ? tokens[0].text.toUpperCase() : '';
  const refused =
    isKeyword(tokens[1], 'EXTENSIONS') && verb === 'UPDATE' ? 'installs an extension' : REFUSED_VERBS[verb];
  if (refused && !(verb === 'FORCE' && !isKeyword(tokens[1], 'INSTALL'))) {
    throw notAllowed(
      `${statementText(tokens)} ${refused}; the SQL console cannot install or load extensions or change DuckDB's settings ` +
        '(the app runs offline and fetches nothing).',
    );
  }
  for (const token of tokens) {
    if (isName(token) && [LAKE_SCHEMA, LAKE_DATABASE].includes(token.value.toLowerCase()))
      throw internalSchema();
    if (token.kind === 'string') {
      if (token.value.toLowerCase().includes(LAKE_SCHEMA)) throw internalSchema();
      if (URL_STRING.test(token.value)) {
        throw notAllowed(
          `'${token.value}' is on the network; the SQL console reads only the lakehouse's tables and ` +
            'never makes a request to another site. Upload the file on the Sources screen instead.',
        );
      }
    }
  }
}

/** True when a statement DuckDB runs may change something (a table, a view, a setting). */
export function mayWrite(statementTokens: Token[]): boolean {
  return meaningful(statementTokens).some(
    (token) => token.kind === 'word' && WRITING_WORDS.has(token.text.toUpperCase()),
  );
}

/**
 * DuckDB's refusal of a file or network access (external access is off), in the console's words;
 * other errors are returned as they are.
 */
export function explainRefusal(error: unknown): unknown {
  const message = error instanceof Error ? error.message : '';
  const match = /Permission Error: Cannot access file "([^"]*)"/.exec(message);
  if (match) {
    return notAllowed(
      `"${match[1]}" is outside the lakehouse; the SQL console reads only the lakehouse's tables, ` +
        'not files on this computer or on the network. Upload files on the Sources screen instead.',
    );
  }
  if (/Permission Error: .*(extension|disabled by configuration)/i.test(message)) {
    return notAllowed(
      `${message.replace(/^.*Permission Error: /s, '').split('\n')[0]}: the SQL console cannot reach outside the lakehouse.`,
    );
  }
  return error;
}

function statementText(tokens: Token[]): string {
  return tokens
    .slice(0, 3)
    .map((t) => t.text)
    .join(' ');
}

function notAllowed(message: string): LakehouseError {
  return new LakehouseError('NotAllowed', message);
}

function internalSchema(): LakehouseError {
  return new LakehouseError(
    'NotAllowed',
    `${LAKE_SCHEMA} is the lake's internal schema (loaded copies and scratch tables); the SQL console cannot ` +
      'read or change it. Query the tables by their names (e.g. silver.orders), and change them with ' +
      'INSERT, UPDATE, DELETE or CREATE OR REPLACE TABLE … AS.',
  );
}
