import type { DetailOf, ErrorCode } from './error-codes';

export type { DetailOf, ErrorCode, ErrorDetails, ModelOutcome } from './error-codes';

/** An error as it crosses a worker boundary: plain data, no prototype. */
export interface PlainError {
  name: string;
  message: string;
  stack?: string;
  sql?: string;
  detail?: Record<string, unknown>;
}

/** A SQL statement failed; carries the statement and DuckDB's own message. */
export class SqlError extends Error {
  override name = 'SqlError';
  constructor(
    message: string,
    readonly sql: string,
  ) {
    super(message);
  }

  /**
   * DuckDB's class of the error, the word its message starts with ("Catalog Error: …" is
   * `Catalog`: a table, schema or function that does not exist); null when it names none.
   */
  get kind(): string | null {
    return /^(\w+) Error:/.exec(this.message)?.[1] ?? null;
  }
}

/**
 * A failure the user can act on, from the lake, the pipeline or ingestion.
 * `name` is a stable code (see ErrorCode) such as `VersionNotFound` or `ConcurrentAppendException`.
 */
export class LakehouseError<C extends ErrorCode = ErrorCode> extends Error {
  declare name: C;
  constructor(
    name: C,
    message: string,
    readonly detail: DetailOf<C> = {} as DetailOf<C>,
  ) {
    super(message);
    this.name = name;
  }
}

/** True when `error` is a LakehouseError with this code (on either side of a worker boundary). */
export function isLakehouseError<C extends ErrorCode>(error: unknown, code: C): error is LakehouseError<C> {
  return error instanceof LakehouseError && error.name === code;
}

/**
 * True when a query failed because a table it reads does not exist (yet): the lake's
 * `TableNotFound`, or DuckDB's Catalog error for a table outside the lake's layers (`meta.*`).
 */
export function isMissingTable(error: unknown): boolean {
  return isLakehouseError(error, 'TableNotFound') || (error instanceof SqlError && error.kind === 'Catalog');
}

/** The user cancelled a long step. */
export class CancelledError extends LakehouseError {
  constructor(step: string) {
    super('CancelledError', `${step} was cancelled; nothing was committed`);
  }
}

/** Turn any thrown value into plain data that survives structured clone. */
export function toPlainError(error: unknown): PlainError {
  if (error instanceof SqlError)
    return { name: error.name, message: error.message, stack: error.stack, sql: error.sql };
  if (error instanceof LakehouseError)
    return { name: error.name, message: error.message, stack: error.stack, detail: error.detail };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

/** Turn plain error data back into a typed error on the receiving side. */
export function fromPlainError(plain: PlainError): Error {
  const error =
    plain.sql !== undefined
      ? new SqlError(plain.message, plain.sql)
      : new LakehouseError(plain.name as ErrorCode, plain.message, plain.detail ?? {});
  error.name = plain.name;
  if (plain.stack) error.stack = plain.stack;
  return error;
}
