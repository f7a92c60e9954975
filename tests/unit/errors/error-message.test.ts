import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../src/engine/error-message';
import { CancelledError, fromPlainError, SqlError, toPlainError } from '../../../src/engine/errors';
import { tableNotFound } from '../../../src/lake/errors';
import { emptyFile } from '../../../src/sources/ingest/ingest-problem';

describe('errorMessage: the sentence a user reads for anything thrown', () => {
  it('is a LakehouseError’s message, which names the problem and what to do', () => {
    expect(errorMessage(tableNotFound('gold.daily_sales'))).toBe(
      'gold.daily_sales does not exist: nothing has been written to it yet. Check the name, or run the step that creates it.',
    );
    expect(errorMessage(new CancelledError('The pipeline run'))).toBe(
      'The pipeline run was cancelled; nothing was committed',
    );
    expect(errorMessage(emptyFile('orders.csv'))).toBe(
      'orders.csv: the file is empty (0 bytes). Nothing was ingested.',
    );
  });

  it('is DuckDB’s own message for a failed statement, without the SQL', () => {
    const error = new SqlError('Parser Error: syntax error at or near "selec"', 'selec 1');
    expect(errorMessage(error)).toBe('Parser Error: syntax error at or near "selec"');
    expect(error.kind).toBe('Parser');
  });

  it('is the same after the error crossed a worker boundary as plain data', () => {
    const crossed = fromPlainError(toPlainError(tableNotFound('silver.orders')));
    expect(errorMessage(crossed)).toBe(errorMessage(tableNotFound('silver.orders')));
  });

  it('is any Error’s message', () => {
    expect(errorMessage(new RangeError('Invalid array length'))).toBe('Invalid array length');
  });

  it('is a thrown string as it is', () => {
    expect(errorMessage('the worker stopped')).toBe('the worker stopped');
  });

  it('is the message of an error-like object, and anything else as text', () => {
    expect(errorMessage({ name: 'DataCloneError', message: 'could not be cloned' })).toBe(
      'could not be cloned',
    );
    expect(errorMessage({ code: 7 })).toBe('[object Object]');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage(null)).toBe('null');
  });
});
