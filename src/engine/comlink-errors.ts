import * as Comlink from 'comlink';
import { fromPlainError, toPlainError, type PlainError } from './errors';

interface ThrownValue {
  value: unknown;
}

/**
 * Replace the serialisation of Comlink's "throw" handler on this side of a worker boundary so
 * that errors keep their name, the SQL they came from and their detail (Comlink's own keeps only
 * name, message and stack). Its `canHandle` stays Comlink's: the marker symbol is private.
 */
export function installErrorTransfer(): void {
  const builtIn = Comlink.transferHandlers.get('throw');
  if (!builtIn) throw new Error('Comlink has no "throw" transfer handler to extend');
  const handler: Comlink.TransferHandler<ThrownValue, PlainError> = {
    canHandle: builtIn.canHandle as (value: unknown) => value is ThrownValue,
    serialize: ({ value }) => [toPlainError(value), []],
    deserialize: (plain) => {
      throw fromPlainError(plain);
    },
  };
  Comlink.transferHandlers.set('throw', handler as Comlink.TransferHandler<unknown, unknown>);
}
