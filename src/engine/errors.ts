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
}

/**
 * A failure the user can act on, from the lake, the pipeline or ingestion.
 * `name` is a stable code such as `VersionNotFound` or `ConcurrentAppendException`.
 */
export class LakehouseError extends Error {
  constructor(
    name: string,
    message: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = name;
  }
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
      : new LakehouseError(plain.name, plain.message, plain.detail ?? {});
  error.name = plain.name;
  if (plain.stack) error.stack = plain.stack;
  return error;
}
