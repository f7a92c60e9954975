/**
 * The sentence a user reads for anything thrown or rejected: an Error's message (a LakehouseError's
 * already names the table, the problem and what to do; a SqlError's is DuckDB's own), a thrown
 * string as it is, an object's `message` when it has one (an error that crossed a boundary as
 * plain data), anything else as text.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (hasMessage(error)) return error.message;
  return String(error);
}

function hasMessage(value: unknown): value is { message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string' &&
    (value as { message: string }).message !== ''
  );
}
